var E,Et,Nn,Y,Fe,Ie,Tt,Ce,It,Ge,Ve,Dn,he=Symbol.for("pv"),Re={},Ae=[],Ln=/^m(i|n|o|s|text|space)$/,Ke=Array.isArray,qe=Ae.slice,re=Object.assign;function ne(t){t&&t.parentNode&&t.remove()}function L(t,e,n){var r,s,a,o={},l=arguments.length;for(a in e)a=="key"?r=e[a]:a=="ref"&&typeof t!="function"?s=e[a]:o[a]=e[a];return l>2&&(o.children=l>3?qe.call(arguments,2):n),pe(t,o,r,s,null)}function pe(t,e,n,r,s){var a={type:t,props:e,key:n,ref:r,__k:null,__:null,__b:0,__e:null,__c:null,constructor:he,__v:s||++Et,__i:-1,__u:0};return!s&&E.vnode&&E.vnode(a),a}function Me(t){return t.children}function Ee(t,e){this.props=t,this.context=e,this.__g=0}function Z(t,e){if(e==null)return t.__&&Z(t.__,t.__i+1);for(var n;e<t.__k.length;e++)if((n=t.__k[e])&&n.__e)return n.__e;return typeof t.type!="function"||t.props.__P?null:Z(t)}function On(t){var e,n=t.__v,r=n.__e,s=[],a=[],o=t.__P;o&&((e=re({constructor:he},n)).__v=n.__v+1,E.vnode&&E.vnode(e),ze(o,e,n,t.__n,o.namespaceURI,32&n.__u?[r]:null,s,r||Z(n),32&n.__u,a),e.__v=n.__v,e.__.__k[e.__i]=e,Lt(s,e,a),n.__=n.__e=null,e.__e!=r&&Rt(e))}function Rt(t){if((t=t.__)&&t.__c&&!t.props.__P)return t.__e=null,t.__k.some(function(e){return e&&(t.__e=e.__e)}),Rt(t)}function St(t){(8&t.__g||(t.__g|=8,Y.push(t),Ie++))&&Fe==E.debounceRendering||((Fe=E.debounceRendering)||queueMicrotask)(At)}function At(){try{for(var t,e=1;Y.length;)Y.length>e&&Y.sort(Tt),t=Y.shift(),e=Y.length,8&t.__g&&On(t)}finally{(Ie=Y.length)&&(Fe||queueMicrotask)(At)}}function Mt(t,e,n,r,s,a,o,l,$,k,_){var g,m,i,u,w,f,c=r.__k||Ae,h=e.length;for($=Pn(n,e,c,$,h),g=0;g<h;g++)(i=n.__k[g])!=null&&(m=~i.__i&&c[i.__i]||Re,i.__i=g,f=ze(t,i,m,s,a,o,l,$,k,_),u=i.__e,(m.ref!=i.ref||8&m.__u)&&(m.ref&&Xe(m.ref,null,i,m),i.ref&&_.push(i.ref,i.__c||u,i)),w=w||u,4&i.__u?($=Nt(i,$,t,!m.__v),m.__e&&(m.__e=null)):typeof i.type=="function"&&f!==void 0?$=f:u&&($=u.nextSibling),i.__u&=-21);return n.__e=w,$}function Pn(t,e,n,r,s){var a,o,l,$,k,_,g,m,i,u=n.length,w=u,f=0,c=0,h=t.__k=Array(s);for(a=0;a<s;a++)(o=e[a])!=null&&typeof o!="boolean"&&typeof o!="function"?(typeof o!="object"||o.constructor===String?o=h[a]=pe(null,o):Ke(o)?o=h[a]=pe(Me,{children:o}):o.constructor===he&&o.__b?o=h[a]=pe(o.type,o.props,o.key,o.ref,o.__v):h[a]=o,$=a+f,o.__=t,o.__b=t.__b+1,l=null,~(k=o.__i=Un(o,n,$,w))&&(w--,(l=n[k])&&(l.__u|=2)),l&&l.__v?(o.__u|=16,k==$-1?f--:k==$+1?f++:k!=$&&(k>$?f--:f++,c=1)):(~k||(s>u?f--:s<u&&f++),typeof o.type!="function"&&(o.__u|=4))):h[a]=null;if(c){for(_=[],g=[],a=0;a<s;a++)if((o=h[a])&&16&o.__u){for(f=0,m=_.length;f<m;)_[i=f+m>>1]<o.__i?f=i+1:m=i;_[f]=o.__i,g[a]=f+1}for(f=_.length;a--;)g[a]&&(g[a]==f?f--:h[a].__u|=4)}if(w)for(a=0;a<u;a++)!(l=n[a])||2&l.__u||(l.__e==r&&(r=Z(l)),Je(l,l));return r}function Nt(t,e,n,r){var s,a,o,l;if(typeof t.type=="function"){if(t.props.__P)return e;if(s=t.__k)for(a=0;a<s.length;a++)s[a]&&(s[a].__=t,e=Nt(s[a],e,n,!1));return e}for(e&&!e.parentNode&&(e=Z(t))&&!e.parentNode&&(e=null),o=t.__e,l=e;l&&l.nodeType==8;)l=l.nextSibling;for(o!=l&&(!r&&n.moveBefore&&o.parentNode?n.moveBefore(o,e):n.insertBefore(o,e||null)),e=o;(e=e&&e.nextSibling)&&e.nodeType==8&&!e.data.startsWith("$s"););return e}function Un(t,e,n,r){var s,a=t.key,o=t.type,l=e[n],$=l&&!(2&l.__u);if(l===null&&a==null||$&&a==l.key&&o==l.type)return n;if(r>($?1:0)){for(s=n-1;s>=0;s--)if((l=e[s])&&!(2&l.__u)&&a==l.key&&o==l.type)return s;for(s=n+1;s<e.length;s++)if((l=e[s])&&!(2&l.__u)&&a==l.key&&o==l.type)return s}return-1}function Ct(t,e,n){n==null&&(n=""),e[0]=="-"?t.setProperty(e,n):t[e]=n}function Se(t,e,n,r,s){var a,o;if(e=="style")if(typeof n=="string")t.style.cssText=n;else{if(typeof r=="string"&&(t.style.cssText=r=""),r)for(e in r)n&&e in n||Ct(t.style,e);if(n)for(e in n)r&&n[e]==r[e]||Ct(t.style,e,n[e])}else if(e[0]=="o"&&e[1]=="n")typeof n!="function"&&(n=null),typeof r!="function"&&(r=null),(t.__e||(t.__e={}))[e]=n,n&&r||(o=Ve[e]||(Ve[e]=Bn(e)),(t.__a||(t.__a={}))[e]=Ge,a=e!=(e=e.replace(It,"$1")),(e=e.slice(2))[0]<"a"&&(e=e.toLowerCase()),n?t.addEventListener(e,o,a):t.removeEventListener(e,o,a));else{if(s=="http://www.w3.org/2000/svg")e=e.replace(/xlink(H|:h)/,"h").replace(/sName$/,"s");else if(e!="width"&&e!="height"&&e!="href"&&e!="list"&&e!="form"&&e!="tabIndex"&&e!="download"&&e!="rowSpan"&&e!="colSpan"&&e!="role"&&e!="popover"&&e in t)try{return void(t[e]=n??"")}catch{}if(typeof n=="function")return;n==null||n===!1&&e[4]!="-"?t.removeAttribute(e):t.setAttribute(e,e=="popover"&&n==1?"":n)}}function Bn(t){return function(e){var n=this.__e;if(n){if(n=n[t],e[Ce]==null)e[Ce]=Ge++;else if(e[Ce]<this.__a[t])return;return n(E.event?E.event(e):e)}}}function ze(t,e,n,r,s,a,o,l,$,k){var _,g,m,i,u,w,f,c,h,y,C,F,te,X,I,J,B,V,T=e.type;if(e.constructor!==he)return null;128&n.__u&&($=32&n.__u,_=n.__c.__z)&&(e.__u|=$,g=a=[],_.nodeType==8?l=Te(_,a):a.push(_),l=a[0]||l),(_=E.__b)&&_(e);e:if(typeof T=="function"){m=o.length;try{if(c=e.props,h=(_=T.prototype)&&_.render,y=(_=T.contextType)&&r[_.__c],C=_?y?y.props.value:_.__:r,(i=n.__c)?(e.__c=i,2&i.__g&&(i.__g|=1)):(h?e.__c=i=new T(c,C):(e.__c=i=new Ee(c,C),i.constructor=T,i.render=Wn),y&&y.sub(i),i.state||(i.state={}),i.__n=r,i.__g|=8,i.__h=[],i.__k=[]),h&&(i.__s||(i.__s=i.state),T.getDerivedStateFromProps&&(i.__s==i.state&&(i.__s=re({},i.__s)),re(i.__s,T.getDerivedStateFromProps(c,i.__s)))),u=i.props,w=i.state,i.__v=e,n.__c){if(c!==u&&h&&!T.getDerivedStateFromProps&&i.componentWillReceiveProps&&i.componentWillReceiveProps(c,C),e.__v==n.__v&&!(8&i.__g)||!(4&i.__g)&&i.shouldComponentUpdate&&i.shouldComponentUpdate(c,i.__s,C)===!1){e.__v!=n.__v&&(i.props=c,i.state=i.__s,i.__g&=-9),e.__e=n.__e,e.__k=n.__k,e.__k.some(function(R){R&&(R.__=e)}),Ae.push.apply(i.__h,i.__k),i.__k=[],i.__h.length&&o.push(i),l=Z(n);break e}i.componentWillUpdate&&i.componentWillUpdate(c,i.__s,C),h&&i.componentDidUpdate&&i.__h.push(function(){i.componentDidUpdate(u,w,f)})}else h&&!T.getDerivedStateFromProps&&i.componentWillMount&&i.componentWillMount(),h&&i.componentDidMount&&i.__h.push(i.componentDidMount);i.context=C,i.props=c,i.__P=t,i.__g&=-5,F=E.__r,te=h?25:0;do i.__g&=-9,F&&F(e),_=i.render(i.props,i.state=i.__s,i.context);while(8&i.__g&&++te<25);h&&(Ae.push.apply(i.__h,i.__k),i.__k=[]),i.state=i.__s,i.getChildContext&&(r=re({},r,i.getChildContext())),h&&n.__c&&i.getSnapshotBeforeUpdate&&(f=i.getSnapshotBeforeUpdate(u,w)),X=_&&_.type===Me&&_.key==null?_.props.children:_,c.__P&&(_=l,s=(t=c.__P).namespaceURI,$=a=null,n.props&&n.props.__P!=t&&(n.__k.some(function(R){R&&Je(R,R)}),n.__k=null),l=n.__k?Z(n,0):null),l=Mt(t,Ke(X)?X:[X],e,n,r,s,a,o,l,$,k),c.__P&&(e.__e=null,l=_),e.__u&=-161,g&&g.some(ne),i.__h.length&&o.push(i),1&i.__g&&(i.__g&=-4)}catch(R){if(o.length=m,e.__v=null,$||a)if(R&&R.then){if(e.__u|=128|$,a){for(~(B=a.indexOf(l||void 0))||(B=a.length);(V=a[B-1])&&V.nodeType==8;)B--;for(;B<a.length;B++)if(V=a[B])if(a[B]=null,I){if(V==J)break}else{if(V.nodeType!=8)break;V.data.startsWith("$s")&&(J=Te(I=V))}}if(!I){for(;l&&l.nodeType==8&&l.nextSibling;)l=l.nextSibling;I=l}(_=Te(I=e.__c.__z||(e.__c.__z=I)))?(e.__e=I,l=_):e.__e=l,l=l&&l.nextSibling}else a&&a.some(ne);else e.__e=n.__e;e.__k||(e.__k=n.__k||[]),R&&R.then||Dt(e),E.__e(R,e,n)}}else l=e.__e=Hn(n.__e,e,n,r,s,a,o,$,k,t);return(_=E.diffed)&&_(e),l}function Te(t,e){if(t&&t.nodeType==8&&t.data.startsWith("$s"))for(var n=1;t=t.nextSibling;){if(t.nodeType==8){if(t.data.startsWith("$s"))n++;else if(t.data.startsWith("/$s")&&!--n)return t}e&&e.push(t)}}function Dt(t){t&&(t.__c&&(t.__c.__g|=4),t.__k&&t.__k.some(Dt))}function Lt(t,e,n){for(var r=0;r<n.length;)Xe(n[r++],n[r++],n[r++]);E.__c&&E.__c(e,t),t.some(function(s){try{t=s.__h,s.__h=[],t.some(function(a){a.call(s)})}catch(a){E.__e(a,s.__v)}})}function Hn(t,e,n,r,s,a,o,l,$,k){var _,g,m,i,u,w,f,c,h=n.props||Re,y=e.props,C=e.type;if(C=="svg"?s="http://www.w3.org/2000/svg":C=="math"?s="http://www.w3.org/1998/Math/MathML":s||(s="http://www.w3.org/1999/xhtml"),a){for(_=0;_<a.length;_++)if((u=a[_])&&(C?u.localName==C:u.nodeType==3)){t=u,a[_]=null;break}}if(!t){if(c=k.ownerDocument||document,!C)return c.createTextNode(y);t=c.createElementNS(s,C,y.is?y:k),l&&(E.__m&&E.__m(e,a),l=!1),a=null}if(C){if(k=C=="template"&&t.content||t,a=C=="textarea"&&y.defaultValue!=null?null:a&&qe.call(k.childNodes),!l&&a)for(h={},_=0;_<t.attributes.length;_++)h[(u=t.attributes[_]).name]=u.value;for(_ in h)u=h[_],_=="dangerouslySetInnerHTML"?m=u:_=="children"||_ in y||_=="value"&&"defaultValue"in y||_=="checked"&&"defaultChecked"in y||Se(t,_,null,u,s);for(_ in y)u=y[_],_=="children"?i=u:_=="dangerouslySetInnerHTML"?g=u:_=="value"?w=u:_=="checked"?f=u:l&&typeof u!="function"||h[_]===u||Se(t,_,u,h[_],s);g?(l||m&&(g.__html==m.__html||g.__html==t.innerHTML)||(t.innerHTML=g.__html),e.__k=[]):(m&&(t.textContent=""),(C=="foreignObject"||s=="http://www.w3.org/1998/Math/MathML"&&Ln.test(C))&&(s="http://www.w3.org/1999/xhtml"),Mt(k,Ke(i)?i:[i],e,n,r,s,a,o,a?a[0]:n.__k&&Z(n,0),l,$),a&&a.some(ne)),l&&C!="textarea"||(_="value",C=="progress"&&w==null?t.removeAttribute(_):w==null||w===t[_]&&(C!="progress"||w)||Se(t,_,w,h[_],s),_="checked",f!=null&&f!=t[_]&&Se(t,_,f,h[_],s))}else h===y||l&&t.data==y||(t.data=y);return t}function Xe(t,e,n,r){try{typeof t=="function"?e?e.__x=t(e)||1:r&&(r=r.__c||r.__e)&&(e=r.__x)&&(r.__x=null,typeof e=="function"?e():t(null)):t.current=e}catch(s){E.__e(s,n)}}function Je(t,e,n){var r,s,a,o;if(E.unmount&&E.unmount(t),!(r=t.ref)||r.current&&r.current!=t.__e||Xe(r,null,e,t),r=t.__c){if(r.componentWillUnmount)try{r.componentWillUnmount()}catch(l){E.__e(l,e)}r.__P=r.__n=null}if(r=t.__k)for(o=0;o<r.length;o++)r[o]&&Je(r[o],e,typeof t.type!="function"||n&&!t.props.__P);!n&&(r=t.__c)&&(r=r.__z)&&(s=Te(r,a=[]))&&(r==t.__e&&a.some(ne),ne(s),ne(r)),n||ne(t.__e),t.__e=t.__c=t.__=null}function Wn(t,e,n){return this.constructor(t,n)}function Ot(t,e){var n,r,s,a;E.__&&E.__(t,e),e.nodeType==9&&(e=e.documentElement),r=(n=t&&32&t.__u)?null:e.__k,e.__k=pe(Me,{children:[t]}),s=[],a=[],ze(e,e.__k,r||Re,Re,e.namespaceURI,r?null:e.firstChild?qe.call(e.childNodes):null,s,r?r.__e:e.firstChild,n,a),Lt(s,e.__k,a),e.__k.props.children=null}E={__e:function(t,e,n,r){for(var s,a,o;e=e.__;)if((s=e.__c)&&!(1&s.__g)){s.__g|=4;try{if((o=(a=s.constructor)&&a.getDerivedStateFromError)&&s.setState(a.getDerivedStateFromError(t)),s.componentDidCatch&&(s.componentDidCatch(t,r||{}),o=1),o&&8&s.__g)return void(s.__g|=2)}catch(l){t=l}}throw Ie=0,t}},Et=0,Nn=function(t){return t!=null&&t.constructor===he},Ee.prototype.setState=function(t,e){var n=this.__s;n&&n!=this.state||(n=this.__s=re({},this.state)),typeof t=="function"&&(t=t(re({},n),this.props)),t&&(re(n,t),this.__v&&(e&&this.__k.push(e),St(this)))},Ee.prototype.forceUpdate=function(t){this.__v&&(this.__g|=4,t&&this.__h.push(t),St(this))},Ee.prototype.render=Me,Y=[],Ie=0,Tt=function(t,e){return t.__v.__b-e.__v.__b},Ce=Symbol(),It=/(PointerCapture)$|Capture$/i,Ge=0,Ve={},Dn=0;var $e,M,Ye,Pt,Ze=Object.is,ge=0,Kt=[],Qe=[],A=E,Ut=A.__b,Bt=A.__r,Ht=A.diffed,Wt=A.__c,jt=A.unmount,Ft=A.__;function tt(t,e){A.__h&&A.__h(M,t,ge||e),ge=0;var n=M.__H||(M.__H={__:[],__h:[]});return t>=n.__.length&&n.__.push({}),n.__[t]}function b(t){return ge=1,jn(zt,t)}function jn(t,e,n){var r=tt($e++,2);if(r.t=t,!r.__c&&(r.__=[n?n(e):zt(void 0,e),function(a){var o=(r.__N||r.__)[0],l=r.t(o,a);Ze(o,l)||(r.__N=[l,r.__[1]],r.__c.setState({}))}],r.__c=M,!M.__f)){M.__f=!0;var s=M.shouldComponentUpdate;M.shouldComponentUpdate=function(a,o,l){var $=this.__H;if(!$)return!0;var k=!1,_=this.props!=a;if($.__.some(function(m){m.__N&&(k=!0,Ze(m.__[0],m.__N[0])||(_=!0))}),s){var g=s.call(this,a,o,l);return k?g||_:g}return!k||_}}return r.__}function N(t,e){var n=tt($e++,3);!A.__s&&qt(n.__H,e)&&(n.__P=!0,n.__=t,n.u=e,M.__H.__h.push(n))}function Q(t){return ge=5,le(function(){return{current:t}},[])}function le(t,e){var n=tt($e++,7);return qt(n.__H,e)&&(n.__=t(),n.__H=e),n.__}function ee(t,e){return ge=8,le(function(){return t},e)}function Fn(){var t;do{for(;t=Qe.shift();)try{me(t)}catch(n){A.__e(n,{__:(t=t.__P)&&t.__v})}for(;t=Kt.shift();){var e=t.__H;if(t.__P&&e)try{e.__h.some(me),e.__h.some(et),e.__h=[]}catch(n){e.__h=[],A.__e(n,t.__v)}}}while(Qe.length)}A.__b=function(t){M=null,Ut&&Ut(t)},A.__=function(t,e){t&&e.__k&&e.__k.__m&&(t.__m=e.__k.__m),Ft&&Ft(t,e)},A.__r=function(t){Bt&&Bt(t),$e=0;var e=(M=t.__c).__H;e&&(Ye==M?M.__h=[]:(e.__h.some(me),e.__h.some(et),$e=0),e.__h=[],e.__.some(function(n){n.__N&&(n.__=n.__N),n.u=n.__N=void 0})),Ye=M},A.diffed=function(t){Ht&&Ht(t);var e=t.__c;e&&e.__H&&(e.__H.__h.length&&Gt(Kt.push(e)),e.__H.__.some(function(n){n.u&&(n.__H=n.u)})),Ye=M=null},A.__c=function(t,e){e.some(function(n){try{n.__h.some(me),n.__h=n.__h.filter(function(r){return!r.__||et(r)})}catch(r){n.__h=[function(){throw r}]}}),Wt&&Wt(t,e)},A.unmount=function(t){jt&&jt(t);var e,n,r=t.__c;r&&r.__H&&(r.__H.__.some(function(s){try{if(s.__P&&s.__c){if(n===void 0){for(n=t.__;n&&(!n.__c||!n.__c.__P);)n=n.__;n=n&&n.__c}s.__P=n,Gt(Qe.push(s))}else me(s)}catch(a){e=a}}),r.__H=void 0,e&&A.__e(e,r.__v))};var Vt=typeof requestAnimationFrame=="function";function Vn(t){var e,n=function(){clearTimeout(r),Vt&&cancelAnimationFrame(e),setTimeout(t)},r=setTimeout(n,35);Vt&&(e=requestAnimationFrame(n))}function Gt(t){t!=1&&Pt==A.requestAnimationFrame||((Pt=A.requestAnimationFrame)||Vn)(Fn)}function me(t){var e=M,n=t.__c;typeof n=="function"&&(t.__c=void 0,n()),M=e}function et(t){var e=M;t.__c=t.__(),M=e}function qt(t,e){return!t||t.length!=e.length||e.some(function(n,r){return!Ze(n,t[r])})}function zt(t,e){return typeof e=="function"?e(t):e}var nt="/api/plugins/kanban",W=class extends Error{status;code;constructor(e,n,r){super(r),this.status=e,this.code=n}};function rt(){return new URLSearchParams(location.search).get("board")??""}function st(t){let e=rt();return e?t+(t.includes("?")?"&":"?")+"board="+encodeURIComponent(e):t}async function D(t,e,n){let r;try{r=await fetch(nt+st(e),{method:t,credentials:"same-origin",headers:n===void 0?{}:{"content-type":"application/json"},body:n===void 0?void 0:JSON.stringify(n)})}catch{throw new W(0,"offline","The gateway does not answer. Is it still running?")}let s=await r.text(),a=null;try{a=s?JSON.parse(s):null}catch{}if(!r.ok){let o=a;throw new W(r.status,o?.error?.code??"error",o?.detail??r.statusText)}return a}var P={ok:0,failure:1,usage:2,interrupted:130},Gn={usage:P.usage,invalid_input:P.usage,not_found:P.failure,conflict:P.failure,invalid_request:P.failure,invalid_state:P.failure,permission:P.failure,unauthorized:P.failure,store:P.failure,too_large:P.usage,unsupported_media:P.usage,misdirected:P.usage,method_not_allowed:P.usage,rate_limited:P.failure,unavailable:P.failure,failure:P.failure},Ne=class extends Error{code;kind;constructor(e,n,r="failure"){super(e),this.name=new.target.name,this.code=n,this.kind=r}get exitCode(){return Gn[this.kind]}},j=class extends Ne{constructor(e,n="usage"){super(e,n,"usage")}};var ce=class extends Ne{constructor(e,n="invalid_state"){super(e,n,"invalid_state")}};var se=["triage","todo","scheduled","ready","running","blocked","review","done","archived"];function Xt(t){return se.includes(t)}var Sr=1024*1024;var Cr=1024*1024;var Er=new TextEncoder;var qn=/^(\d+)\s*([smhd]?)$/i,zn={"":1,s:1,m:60,h:3600,d:86400};function Jt(t,e){let n=qn.exec(e.trim());if(!n)throw new j(`${t}: malformed duration '${e}' (use 300, 90s, 30m, 2h or 1d)`,"invalid_duration");let r=Number(n[1])*zn[n[2].toLowerCase()];if(r>Xn)throw new j(`${t}: '${e}' is too long (at most 100 years)`,"invalid_duration");return r}var Xn=100*365*86400;var Tr=10*366*86400;var ve={triage:{satisfiesChildren:!1,holdsRun:!1,terminal:null,drop:"direct"},todo:{satisfiesChildren:!1,holdsRun:!1,terminal:null,drop:"direct"},scheduled:{satisfiesChildren:!1,holdsRun:!1,terminal:null,drop:"schedule"},ready:{satisfiesChildren:!1,holdsRun:!1,terminal:null,drop:"direct"},running:{satisfiesChildren:!1,holdsRun:!0,terminal:null,drop:"refuse"},blocked:{satisfiesChildren:!1,holdsRun:!1,terminal:null,drop:"block"},review:{satisfiesChildren:!1,holdsRun:!1,terminal:null,drop:"review"},done:{satisfiesChildren:!0,holdsRun:!1,terminal:"a status write never reopens it \u2014 create a follow-up task instead",drop:"complete"},archived:{satisfiesChildren:!0,holdsRun:!1,terminal:"a status write never revives it \u2014 create a new task instead",drop:"archive"}},Jn={claim:["ready","review"],heartbeat:["running"],complete:["running","ready","blocked","review"],block:["running","ready"],unblock:["blocked","scheduled"],promote:["triage","scheduled","todo"],recompute:["todo"],archive:["triage","todo","scheduled","ready","running","blocked","review","done"],assign:["triage","todo","scheduled","ready","blocked","review","done","archived"],reclaim:["running"],edit_result:["done"],delete:["archived"],schedule:["todo","scheduled","ready","running","blocked"],wake:["scheduled"],review:["running","ready","blocked"],send_back:["review","running"]};function at(t,e){return Jn[t].includes(e)}function Yn(t){return ve[t].terminal!==null}var Pr=se.filter(Yn);function Zn(t){return ve[t].satisfiesChildren}var Ur=se.filter(Zn);function Qn(t){return t.length<=1?t.join(""):`${t.slice(0,-1).join(", ")} or ${t.at(-1)}`}function it(t,e,n){if(!Xt(n))return new j(`unknown status: ${n} (expected one of ${se.join(", ")})`,"unknown_status");let r=ve[n].drop;if(r==="refuse")return new j(`Cannot set status to '${n}' directly: only the dispatcher starts tasks (move it to ready)`,"running_refused");if(e===n)return"noop";let s=ve[e].terminal;if(s!==null&&r!=="archive")return new ce(`${t} is ${e}; ${s}`,"terminal");switch(r){case"archive":return"archive";case"complete":case"block":case"schedule":case"review":{if(at(r,e))return r;let a=Qn(se.filter(o=>at(r,o)));return new ce(`cannot ${r} ${t}: it is ${e}; only ${a} tasks can be ${er[r]}`,"invalid_move")}case"direct":return ve[e].holdsRun&&n!=="ready"?new ce(`cannot move ${t} to ${n} while it runs: move it to ready first (that stops its worker)`,"invalid_move"):n==="ready"&&at("unblock",e)?"unblock":"direct"}}var er={complete:"completed",block:"blocked",schedule:"scheduled",review:"sent to review"};function Yt(t){return se.filter(e=>e!==t&&typeof it("",t,e)=="string")}function ue(t){let e=Math.max(0,Math.floor(t));return e<60?`${e}s`:e<3600?`${Math.floor(e/60)}m ${String(e%60).padStart(2,"0")}s`:e<86400?`${Math.floor(e/3600)}h ${String(Math.floor(e%3600/60)).padStart(2,"0")}m`:`${Math.floor(e/86400)}d ${Math.floor(e%86400/3600)}h`}function Zt(t){if(t===null)return"";let e=Math.max(0,t);return e<60?"now":e<3600?`${Math.floor(e/60)}m`:e<86400?`${Math.floor(e/3600)}h`:`${Math.floor(e/86400)}d`}function G(t){return t===null?"\u2014":new Date(t*1e3).toLocaleString()}var K={triage:"Triage",todo:"Todo",scheduled:"Scheduled",ready:"Ready",running:"In progress",blocked:"Blocked",review:"Review",done:"Done",archived:"Archived"},Qt={ready:[3600,86400],running:[600,3600],blocked:[3600,86400],todo:[7*86400,30*86400]};var tn=function(t,e,n,r){var s;e[0]=0;for(var a=1;a<e.length;a++){var o=e[a++],l=e[a]?(e[0]|=o?1:2,n[e[a++]]):e[++a];o===3?r[0]=l:o===4?r[1]=Object.assign(r[1]||{},l):o===5?(r[1]=r[1]||{})[e[++a]]=l:o===6?r[1][e[++a]]+=l+"":o?(s=t.apply(l,tn(t,l,n,["",null])),r.push(s),l[0]?e[0]|=2:(e[a-2]=0,e[a]=s)):r.push(l)}return r},en=new Map;function nn(t){var e=en.get(this);return e||(e=new Map,en.set(this,e)),(e=tn(this,e.get(t)||(e.set(t,e=function(n){for(var r,s,a=1,o="",l="",$=[0],k=function(m){a===1&&(m||(o=o.replace(/^\s*\n\s*|\s*\n\s*$/g,"")))?$.push(0,m,o):a===3&&(m||o)?($.push(3,m,o),a=2):a===2&&o==="..."&&m?$.push(4,m,0):a===2&&o&&!m?$.push(5,0,!0,o):a>=5&&((o||!m&&a===5)&&($.push(a,0,o,s),a=6),m&&($.push(a,m,0,s),a=6)),o=""},_=0;_<n.length;_++){_&&(a===1&&k(),k(_));for(var g=0;g<n[_].length;g++)r=n[_][g],a===1?r==="<"?(k(),$=[$],a=3):o+=r:a===4?o==="--"&&r===">"?(a=1,o=""):o=r+o[0]:l?r===l?l="":o+=r:r==='"'||r==="'"?l=r:r===">"?(k(),a=1):a&&(r==="="?(a=5,s=o,o=""):r==="/"&&(a<5||n[_][g+1]===">")?(k(),a===3&&($=$[0]),a=$,($=$[0]).push(2,0,a),a=0):r===" "||r==="	"||r===`
`||r==="\r"?(k(),a=2):o+=r),a===3&&o==="!--"&&(a=4,$=$[0])}return k(),$}(t)),e),arguments,[])).length>1?e:e[0]}var p=nn.bind(L);var ot=t=>p`
    <svg class="icon-svg" width="13" height="13" viewBox="0 0 16 16" aria-hidden="true" fill="none"
      stroke="currentColor" stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round">
      <path d=${t} />
    </svg>
  `,rn=()=>ot("M2.5 3.5h11v7h-6l-3.5 3v-3h-1.5z"),sn=()=>ot("M4 2.5v4.5a2 2 0 0 0 2 2h4M10 6.5l2.5 2.5-2.5 2.5M4 13.5v-2"),an=()=>ot("M3 8.5l3 3 7-7");var on=0;function ln(t){on=t-Date.now()/1e3}function De(){return Date.now()/1e3+on}function tr({since:t}){let[,e]=b(0);return N(()=>{let n=setInterval(()=>e(r=>r+1),1e3);return()=>clearInterval(n)},[]),p`<span class="elapsed">${ue(De()-t)}</span>`}function nr(t){let e=Qt[t.status];if(!e)return"";let n=t.status==="running"&&t.run_started_at!==null?De()-t.run_started_at:t.age.created_age_seconds??0;return n>=e[1]?"stale-2":n>=e[0]?"stale-1":""}var q=null;function rr({w:t}){let e=Object.entries(t.kinds).map(([n,r])=>`${n.replaceAll("_"," ")} \xD7${r}`);return p`<span class=${`diag diag-${t.highest_severity}`} title=${`${t.highest_severity}: ${e.join(", ")}`}>⚠ ${e.length}</span>`}function sr({card:t,onOpen:e,selected:n,picking:r}){let s=t,a=s.link_counts.parents+s.link_counts.children,o=r.picked.has(s.id);return p`
    <article
      class=${`card status-${s.status} ${nr(s)} ${n?"selected":""} ${o?"picked":""} ${r.failed.has(s.id)?"failed":""}`}
      tabindex="0"
      draggable="true"
      data-id=${s.id}
      aria-label=${`${s.title}, ${K[s.status]}`}
      onClick=${l=>{l.shiftKey?r.range(s.id):l.ctrlKey||l.metaKey?r.toggle(s.id):e(s.id)}}
      onKeyDown=${l=>{l.target===l.currentTarget&&(l.key==="Enter"||l.key===" ")&&(l.preventDefault(),e(s.id))}}
      onDragStart=${l=>{q=s,l.dataTransfer?.setData("text/x-hermes-task",s.id),l.dataTransfer?.setData("text/plain",s.id),l.dataTransfer&&(l.dataTransfer.effectAllowed="move")}}
      onDragEnd=${()=>q=null}
    >
      <div class="card-top">
          <input type="checkbox" class="pick" checked=${o} title="Select for bulk actions"
            aria-label=${`Select ${s.id}`} onClick=${l=>{l.stopPropagation(),l.shiftKey?r.range(s.id):r.toggle(s.id)}} />
          <span class="card-id">${s.id}</span>
          ${s.warnings?p`<${rr} w=${s.warnings} />`:null}
          ${s.priority!==0?p`<span class="pill prio" title="priority">P${s.priority}</span>`:null}
          ${s.tenant?p`<span class="pill tenant" title="tenant">${s.tenant}</span>`:null}
          ${s.status==="scheduled"&&s.scheduled_until!==null?p`<span class="pill due" title=${`becomes ready at ${G(s.scheduled_until)}`}>${s.scheduled_until>De()?`in ${ue(s.scheduled_until-De())}`:"due"}</span>`:null}
        </div>
      <div class="card-title">${s.title}</div>
      <div class="card-meta">
          ${s.status==="running"?p`<span class="running" title="running"><span class="pulse"></span>${s.run_started_at!==null?p`<${tr} since=${s.run_started_at} />`:"running"}</span>`:null}
          <span class=${s.assignee?"assignee":"assignee none"}>${s.assignee?`@${s.assignee}`:"unassigned"}</span>
          <span class="spacer"></span>
          ${a?p`<span class="meta-item" title=${`${s.link_counts.parents} parent(s), ${s.link_counts.children} child(ren)`}><${sn} />${a}</span>`:null}
          ${s.progress?p`<span class="meta-item" title="children done"><${an} />${s.progress.done}/${s.progress.total}</span>`:null}
          ${s.comment_count?p`<span class="meta-item" title="comments"><${rn} />${s.comment_count}</span>`:null}
          <span class="meta-item age" title="age">${Zt(s.age.created_age_seconds)}</span>
        </div>
    </article>
  `}var lt=60,ke="(unassigned)";function ct(t){let e=new Map;for(let n of t){let r=n.assignee??ke;e.set(r,[...e.get(r)??[],n])}return[...e.entries()].sort(([n],[r])=>n===ke?1:r===ke?-1:n.localeCompare(r)).map(([n,r])=>({profile:n,cards:r}))}function ar({name:t,cards:e,onOpen:n,onMove:r,selected:s,picking:a,lanes:o}){let[l,$]=b(lt),k=e.map(f=>f.id),_=k.length>0&&k.every(f=>a.picked.has(f)),g=f=>p`
      <${sr} key=${f.id} card=${f} onOpen=${n} selected=${s===f.id}
        picking=${a} />
    `,[m,i]=b(""),[u,w]=b("");return p`
    <section
      class=${`column col-${t} ${m?`drop-${m}`:""}`}
      data-status=${t}
      onDragOver=${f=>{if(!q||q.status===t)return;let c=it(q.id,q.status,t);if(typeof c!="string"){i("no"),w(c.message);return}f.preventDefault(),i("ok")}}
      onDragLeave=${()=>{i(""),w("")}}
      onDrop=${f=>{f.preventDefault(),i(""),w(""),q&&q.status!==t&&r(q,t),q=null}}
    >
        <header class="column-head">
          <input type="checkbox" class="pick-column" checked=${_} disabled=${k.length===0} title="Select every task in this column" aria-label=${`Select every task in ${K[t]}`} onClick=${()=>a.column(k)} />
          <span class=${`dot dot-${t}`}></span>
          <h2>${K[t]}</h2>
          <span class="count">${e.length}</span>
        </header>
        ${m==="no"?p`<div class="drop-why" role="status">${u}</div>`:null}
        <div class="cards">
          ${o&&e.length?ct(e.slice(0,l)).map(f=>p`<section class="lane" key=${f.profile} data-profile=${f.profile}>
                <header class="lane-head">
                  <span class=${f.profile===ke?"lane-name none":"lane-name"}>${f.profile===ke?f.profile:`@${f.profile}`}</span>
                  <span class="count">${f.cards.length}</span>
                </header>
                ${f.cards.map(g)}
              </section>`):e.slice(0,l).map(g)}
          ${e.length>l?p`<button class="more" onClick=${()=>$(l+lt)}>Show ${Math.min(lt,e.length-l)} more of ${e.length-l}</button>`:null}
          ${e.length===0?p`<div class="empty">No tasks</div>`:null}
        </div>
      </section>
  `}function cn({columns:t,onOpen:e,onMove:n,selected:r,picking:s,lanes:a}){return p`<div class="board">
    ${t.map(o=>p`
        <${ar} key=${o.name} name=${o.name} cards=${o.tasks} onOpen=${e}
          onMove=${n} selected=${r} picking=${s}
          lanes=${a&&o.name==="running"} />
      `)}
  </div>`}function un(t){return Yt(t)}function dn({count:t,assignees:e,actions:n,busy:r}){let[s,a]=b(""),[o,l]=b(!1);return p`
    <div class="bulkbar" role="toolbar" aria-label="Bulk actions">
      <span class="bulk-count"><strong>${t}</strong> selected</span>
      <button class="ghost" disabled=${r} onClick=${n.ready}
        title="Move the selected tasks to Ready (blocked ones are unblocked; running ones are stopped)">→ Ready</button>
      <button class="ghost" disabled=${r} onClick=${n.complete}
        title="Mark the selected tasks done">Complete</button>
      <button class="ghost" disabled=${r} onClick=${n.archive}
        title="Archive the selected tasks">Archive</button>
      <span class="bulk-reassign">
        <select aria-label="Reassign to" value=${s} onChange=${$=>a($.target.value)}>
            <option value="">Reassign to…</option>
            <option value="-">(unassign)</option>
            ${e.map($=>p`<option value=${$}>@${$}</option>`)}
          </select>
        <label class="check"
          title="Release the claims of running tasks first (their workers are stopped)">
            <input type="checkbox" name="reclaim_first" checked=${o} onChange=${$=>l($.target.checked)} /> Reclaim first</label>
        <button class="ghost" disabled=${r||!s} onClick=${()=>{n.reassign(s==="-"?null:s,o),a("")}}>Apply</button>
      </span>
      <span class="spacer"></span>
      <button class="link" onClick=${n.selectAllVisible}>Select all visible</button>
      <button class="link" onClick=${n.clear} title="Clear the selection (Esc)">Clear</button>
    </div>
  `}function _n({title:t,onClose:e,children:n}){let r=Q(null);return N(()=>{(r.current?.querySelector("input, textarea, select")??r.current?.querySelector("button[type=submit]"))?.focus();let a=o=>{o.key==="Escape"&&(o.stopPropagation(),e())};return addEventListener("keydown",a,!0),()=>removeEventListener("keydown",a,!0)},[]),p`
    <div class="backdrop" onClick=${s=>s.target===s.currentTarget&&e()}>
      <div class="modal" role="dialog" aria-modal="true" aria-label=${t} ref=${r}>
          <h2>${t}</h2>
          ${n}
        </div>
    </div>
  `}function fn({req:t,onClose:e}){let[n,r]=b("");return p`
    <${_n} title=${t.title} onClose=${e}>
      <form onSubmit=${s=>{s.preventDefault(),t.onConfirm(n),e()}}>
          <p>${t.text}</p>
          ${t.reason?p`<label>Reason<input name="reason" value=${n} onInput=${s=>r(s.target.value)} placeholder="what is needed to go on" /></label>`:null}
          <div class="actions">
            <button type="button" class="ghost" onClick=${e}>Cancel</button>
            <button type="submit" class="primary">${t.action}</button>
          </div>
        </form>
      <//>
  `}function pn({assignees:t,tenants:e,defaultTenant:n,onClose:r,onCreated:s}){let[a,o]=b(null),[l,$]=b(!1),[k,_]=b("scratch");return p`
    <${_n} title="New task" onClose=${r}>
      <form class="create" onSubmit=${async m=>{m.preventDefault();let i=new FormData(m.target),u=f=>String(i.get(f)??"").trim(),w={title:u("title"),body:u("body")||null,assignee:u("assignee")||null,tenant:u("tenant")||null,priority:u("priority")?Number(u("priority")):0,triage:i.get("triage")==="on",workspace_kind:k,workspace_path:k==="dir"&&u("workspace_path")||null,parents:u("parents").split(/[\s,]+/).filter(Boolean),skills:u("skills")?u("skills").split(",").map(f=>f.trim()).filter(Boolean):null,idempotency_key:u("idempotency_key")||null,created_by:u("created_by")||null};if(u("max_runtime"))try{w.max_runtime_seconds=Jt("Max runtime",u("max_runtime"))}catch(f){if(!(f instanceof j))throw f;o(f.message);return}if(u("max_retries")&&(w.max_retries=Number(u("max_retries"))),!Number.isInteger(w.priority)){o("Priority must be a whole number");return}$(!0);try{let f=await D("POST","/tasks",w);s(f.task,f.warning??null),r()}catch(f){o(f instanceof W?f.message:String(f))}finally{$(!1)}}}>
          <label class="wide">Title<input name="title" required maxlength="500" placeholder="what needs doing" /></label>
          <label class="wide">Description <small>(markdown; the shell profile runs it as a script)</small>
            <textarea name="body" rows="5"></textarea></label>
          <label>Assignee<input name="assignee" list="assignee-list" placeholder="profile, e.g. shell" /></label>
          <datalist id="assignee-list">${t.map(m=>p`<option value=${m} />`)}</datalist>
          <label>Priority<input name="priority" type="number" min="-1000" max="1000" step="1" value="0" /></label>
          <label>Parents<input name="parents" placeholder="t_1a2b3c4d, t_…" /></label>
          <label>Tenant<input name="tenant" list="tenant-list" value=${n} /></label>
          <datalist id="tenant-list">${e.map(m=>p`<option value=${m} />`)}</datalist>
          <label>Workspace
            <select name="workspace_kind" value=${k} onChange=${m=>_(m.target.value)}>
              <option value="scratch">scratch</option>
              <option value="worktree">worktree</option>
              <option value="dir">dir</option>
            </select></label>
          ${k==="dir"?p`<label>Directory<input name="workspace_path" required placeholder="/absolute/path" /></label>`:null}
          <label>Max runtime<input name="max_runtime" placeholder="30m" /></label>
          <label>Max retries<input name="max_retries" type="number" min="1" step="1" /></label>
          <label>Skills<input name="skills" placeholder="comma, separated" /></label>
          <label>Idempotency key<input name="idempotency_key" /></label>
          <label>Created by<input name="created_by" placeholder="dashboard" /></label>
          <label class="check"><input type="checkbox" name="triage" /> Park in triage</label>
          ${a?p`<div class="form-error wide" role="alert">${a}</div>`:null}
          <div class="actions wide">
            <button type="button" class="ghost" onClick=${r}>Cancel</button>
            <button type="submit" class="primary" disabled=${l}>Create task</button>
          </div>
        </form>
      <//>
  `}function hn(t){let e;try{e=new URL(t)}catch{return null}return e.protocol==="http:"||e.protocol==="https:"||e.protocol==="mailto:"?e.href:null}var mn={target:"_blank",rel:"noopener noreferrer nofollow"},ir=/[\s<>()]/,or=`.,;:!?'"`,Pe=class{text;find;#t;#e;constructor(e,n){this.text=e,this.find=n,this.#t=-1,this.#e=-1}next(e){return e>=this.#t&&(this.#e===-1?this.#t!==-1:e<=this.#e)?this.#e===-1?-1:this.#e:(this.#t=e,this.#e=this.find(e),this.#e)}};function Oe(t){return t===" "||t==="	"||t===`
`||t==="\r"||t==="\f"||t==="\v"}function ae(t,e=0){if(e>4)return[t];let n=t.length,r=f=>new Pe(t,c=>t.indexOf(f,c)),s=r("**"),a=r("~~"),o=r("*"),l=r("]"),$=r(")"),k=r(`
`),_=new Pe(t,f=>{for(let c=f;c<n;c++)if(Oe(t[c]))return c;return-1}),g=new Map;for(let f=0;f<n;){if(t[f]!=="`"){f++;continue}let c=f;for(;c<n&&t[c]==="`";)c++;let h=g.get(c-f)??{starts:[],next:0};h.starts.push(f),g.set(c-f,h),f=c}let m=[],i=0,u=0,w=f=>{f>i&&m.push(t.slice(i,f))};for(;u<n;){let f=t[u];if(f==="`"){let c=u;for(;c<n&&t[c]==="`";)c++;let h=g.get(c-u);if(!h){u=c;continue}for(;h.next<h.starts.length&&h.starts[h.next]<=u;)h.next++;if(h.next<h.starts.length){let y=h.starts[h.next];w(u),m.push(L("code",null,t.slice(c,y))),u=y+(c-u),i=u}else u=c;continue}if(f==="*"&&t[u+1]==="*"){let c=s.next(u+2);if(c>u+2){w(u),m.push(L("strong",null,ae(t.slice(u+2,c),e+1))),u=c+2,i=u;continue}}if(f==="~"&&t[u+1]==="~"){let c=a.next(u+2);if(c>u+2){w(u),m.push(L("del",null,ae(t.slice(u+2,c),e+1))),u=c+2,i=u;continue}}if(f==="*"&&t[u+1]!==void 0&&t[u+1]!=="*"&&!Oe(t[u+1])){let c=o.next(u+1);if(c>u&&!Oe(t[c-1])){w(u),m.push(L("em",null,ae(t.slice(u+1,c),e+1))),u=c+1,i=u;continue}}if(f==="["){let c=l.next(u+1),h=k.next(u+1);if(c>u+1&&(h===-1||h>c)&&t[c+1]==="("){let y=$.next(c+2),C=_.next(c+2);if(y>c+2&&(C===-1||C>y)){let F=hn(t.slice(c+2,y));if(F){w(u),m.push(L("a",{href:F,...mn},ae(t.slice(u+1,c),e+1))),u=y+1,i=u;continue}}}}if(f==="h"&&(t.startsWith("http://",u)||t.startsWith("https://",u))){let c=u;for(;c<n&&!ir.test(t[c]);)c++;for(;c>u&&or.includes(t[c-1]);)c--;let h=c>u?hn(t.slice(u,c)):null;if(h&&c>t.indexOf("//",u)+2){w(u),m.push(L("a",{href:h,...mn},t.slice(u,c))),u=c,i=u;continue}u=Math.max(u+1,c);continue}u++}return w(n),m}var $n=/^\s*(```|~~~)(.*)$/,gn=/^(#{1,6})\s+(.*)$/,ut=/^\s*[-*+]\s+(.*)$/,dt=/^\s*(\d{1,9})[.)]\s+(.*)$/,Le=/^\s*>\s?(.*)$/;function vn(t){let e=t.replace(/\s/g,"");if(e.length<3||!"-*_".includes(e[0]))return!1;for(let n=1;n<e.length;n++)if(e[n]!==e[0])return!1;return!0}function lr(t){let e=t.trimEnd(),n=e.length;for(;n>0&&e[n-1]==="#";)n--;return(n===0||Oe(e[n-1]))&&(e=e.slice(0,n)),e.trimEnd()}function we(t,e=0){let n=t.replace(/\r\n?/g,`
`).split(`
`),r=[],s=0;for(;s<n.length;){let a=n[s];if(a.trim()===""){s++;continue}let o=$n.exec(a);if(o){let _=[];for(s++;s<n.length&&!n[s].trimStart().startsWith(o[1]);)_.push(n[s++]);s++;let g=o[2].trim().split(/\s+/)[0];r.push(L("pre",g?{"data-lang":g}:null,L("code",null,_.join(`
`))));continue}let l=gn.exec(a);if(l){r.push(L(`h${Math.min(6,l[1].length+2)}`,null,ae(lr(l[2])))),s++;continue}if(vn(a)){r.push(L("hr",null)),s++;continue}if(Le.test(a)){let _=[];for(;s<n.length&&Le.test(n[s]);)_.push(Le.exec(n[s++])[1]);r.push(L("blockquote",null,e<3?we(_.join(`
`),e+1):[_.join(`
`)]));continue}let $=dt.exec(a);if(ut.test(a)||$){let _=$?dt:ut,g=[];for(;s<n.length&&_.test(n[s]);){let i=_.exec(n[s++]),u=$?i[2]:i[1];for(;s<n.length&&/^\s{2,}\S/.test(n[s])&&!_.test(n[s]);)u+=" "+n[s++].trim();g.push(ae(u))}let m=$?Number($[1]):1;r.push(L($?"ol":"ul",$&&m!==1?{start:m}:null,g.map(i=>L("li",null,i))));continue}let k=[];for(;s<n.length&&n[s].trim()!==""&&!$n.test(n[s])&&!gn.test(n[s])&&!Le.test(n[s])&&!ut.test(n[s])&&!dt.test(n[s])&&!vn(n[s]);)k.push(n[s++].trim());r.push(L("p",null,ae(k.join(" "))))}return r}function cr({taskId:t,run:e,version:n}){let[r,s]=b(null),a=Q(null);return N(()=>{D("GET",`/tasks/${t}/log?run=${e.id}&tail=65536`).then(s).catch(o=>s({content:String(o.message),exists:!1,truncated:!1}))},[t,e.id,n]),N(()=>{a.current&&(a.current.scrollTop=a.current.scrollHeight)},[r]),r?r.exists?p`<pre class="log" ref=${a}>${r.truncated?`\u2026
`:""}${r.content||"(empty)"}</pre>`:p`<div class="muted">No log for this run.</div>`:p`<div class="muted">Loading log…</div>`}function ur({taskId:t,run:e,version:n}){let[r,s]=b(e.ended_at===null),a=(e.ended_at??Date.now()/1e3)-e.started_at;return p`<li class="run">
    <div class="run-head">
      <span class=${`pill run-${e.status}`}>${e.status}</span>
      <span>#${e.id}</span>
      ${e.profile?p`<span class="muted">@${e.profile}</span>`:null}
      <span class="muted">${G(e.started_at)} · ${ue(a)}</span>
      ${e.exit_code!==null?p`<span class="muted">exit ${e.exit_code}</span>`:null}
      <span class="spacer"></span>
      <button class="link" onClick=${()=>s(!r)} aria-expanded=${r}>${r?"Hide log":"Show log"}</button>
    </div>
    ${e.summary?p`<div class="run-text">${e.summary}</div>`:null}
    ${e.error?p`<div class="run-text error-text">${e.error}</div>`:null}
    ${r?p`<${cr} taskId=${t} run=${e} version=${n} />`:null}
  </li>`}function kn({title:t,refs:e,onOpen:n}){return p`<div class="refs">
    <h3>${t}</h3>
    ${e.length===0?p`<div class="muted">None</div>`:p`<ul>${e.map(r=>p`<li><button class="ref" onClick=${()=>n(r.id)}>
            <span class=${`dot dot-${r.status}`}></span><span class="ref-title">${r.title}</span>
            <span class="muted">${r.id} · ${r.status}</span></button></li>`)}</ul>`}
  </div>`}function dr({task:t,version:e,onDone:n,onComment:r,onError:s}){let[a,o]=b([]),[l,$]=b("");if(N(()=>{let g=!0;return D("GET",`/diagnostics?task=${t.id}`).then(m=>g&&o(m.diagnostics[0]?.diagnostics??[])).catch(()=>g&&o([])),()=>{g=!1}},[t.id,e]),a.length===0)return null;let k=async(g,m,i)=>{try{await D(g,m,i),n()}catch(u){s(u instanceof W?u.message:String(u))}},_=(g,m,i)=>{let u=`ghost small ${m.suggested?"suggested":""}`;switch(m.kind){case"reclaim":return p`<button key=${i} class=${u} onClick=${()=>k("POST",`/tasks/${t.id}/reclaim`,{reason:`reclaimed on the dashboard (${g.kind})`})}>${m.label}</button>`;case"unblock":return p`<button key=${i} class=${u} onClick=${()=>k("PATCH",`/tasks/${t.id}`,{status:"ready"})}>${m.label}</button>`;case"comment":return p`<button key=${i} class=${u} onClick=${r}>${m.label}</button>`;case"reassign":return p`<span key=${i} class="reassign">
          <input aria-label="Profile to reassign to" placeholder="profile" value=${l}
            onInput=${w=>$(w.target.value)} />
          <button class=${u} disabled=${!l.trim()} onClick=${()=>k("POST",`/tasks/${t.id}/reassign`,{profile:l.trim(),reclaim_first:!!m.payload.reclaim_first,reason:`reassigned on the dashboard (${g.kind})`})}>${m.label}</button></span>`;case"cli_hint":return p`<code key=${i} class="hint" title="Run this in a terminal">${String(m.payload.command??m.label)}</code>`}};return p`
    <section class="diagnostics" aria-label="Diagnostics">
      <h3>Diagnostics <span class="count">${a.length}</span></h3>
      <ul>${a.map(g=>p`
          <li key=${g.kind} class=${`diagnostic sev-${g.severity}`}>
            <div class="diag-head"><span class=${`diag diag-${g.severity}`}>${g.severity}</span>
                    <strong>${g.title}</strong></div>
            <div class="diag-detail">${g.detail}</div>
            <div class="diag-actions">${g.actions.map((m,i)=>_(g,m,i))}</div>
          </li>
        `)}</ul>
    </section>
  `}function _r(t){let e=t.payload??{};return Object.entries(e).filter(([,r])=>r!==null&&r!==""&&!(Array.isArray(r)&&r.length===0)).map(([r,s])=>`${r}=${typeof s=="string"?s:JSON.stringify(s)}`).join(" ")}function wn({id:t,version:e,markdown:n,onClose:r,onOpen:s,onMove:a,onError:o}){let[l,$]=b(null),[k,_]=b(null),[g,m]=b(""),[i,u]=b(0),w=Q(null);N(()=>{let h=!0;return D("GET",`/tasks/${t}`).then(y=>{h&&($(y),_(null))}).catch(y=>h&&_(y instanceof W?y.message:String(y))),()=>{h=!1}},[t,e,i]),N(()=>{w.current?.focus()},[t]);let f=async h=>{if(h.preventDefault(),!!g.trim())try{await D("POST",`/tasks/${t}/comments`,{body:g}),m("");let y=await D("GET",`/tasks/${t}`);$(y)}catch(y){o(y instanceof W?y.message:String(y))}},c=l?.task;return p`<aside class="drawer" tabindex="-1" ref=${w} aria-label="Task details">
    <div class="drawer-head">
      <span class="card-id">${t}</span>
      <span class="spacer"></span>
      <button class="icon" onClick=${r} aria-label="Close" title="Close (Esc)">✕</button>
    </div>
    ${k?p`<div class="banner error">${k}</div>`:null}
    ${c?p`
      <div class="drawer-body">
        <h1 class="task-title">${c.title}</h1>
        <div class="chips">
          <span class=${`pill status-pill st-${c.status}`}>${K[c.status]}</span>
          <span class="pill">${c.assignee?`@${c.assignee}`:"unassigned"}</span>
          ${c.priority?p`<span class="pill prio">P${c.priority}</span>`:null}
          ${c.tenant?p`<span class="pill tenant">${c.tenant}</span>`:null}
          ${c.skills.map(h=>p`<span class="pill">${h}</span>`)}
        </div>
        <div class="moves" role="group" aria-label="Move to">
          ${un(c.status).map(h=>p`<button class=${`move move-${h}`} onClick=${()=>a(c,h)}>${h==="archived"?"Archive":`\u2192 ${K[h]}`}</button>`)}
        </div>
        <${dr} task=${c} version=${e+i} onDone=${()=>u(h=>h+1)}
          onError=${o} onComment=${()=>w.current?.querySelector("textarea[name=comment]")?.focus()} />
        <section class="md">${c.body?n?we(c.body):p`<pre class="plain">${c.body}</pre>`:p`<p class="muted">No description.</p>`}</section>
        ${c.result?p`
            <section>
              <h3>Result</h3>
              <div class="md">${we(c.result)}</div>
            </section>
          `:null}
        ${c.last_failure_error?p`<div class="banner warning">Last failure (${c.consecutive_failures}): ${c.last_failure_error}</div>`:null}
        ${c.status==="scheduled"?p`<div class="banner info">${l.scheduled_until===null?"Scheduled without a time: it waits until someone moves it on.":`Scheduled: becomes ready at ${G(l.scheduled_until)}.`}</div>`:null}
        ${c.block_recurrences>0?p`
            <div
              class="banner warning">Blocked ${c.block_recurrences} time(s) for ${c.block_kind??"an untyped reason"} since it last completed${c.status==="triage"?": in triage for a person to decide":""}.</div>
          `:null}
        <dl class="details">
          <dt>Created</dt><dd>${G(c.created_at)}${c.created_by?` by ${c.created_by}`:""}</dd>
          <dt>Started</dt><dd>${G(c.started_at)}</dd>
          <dt>Completed</dt><dd>${G(c.completed_at)}</dd>
          <dt>Workspace</dt><dd>${c.workspace_kind}${c.workspace_path?`: ${c.workspace_path}`:""}</dd>
          <dt>Max runtime</dt><dd>${c.max_runtime_seconds===null?"default":ue(c.max_runtime_seconds)}</dd>
          <dt>Max retries</dt><dd>${c.max_retries??"default"}</dd>
        </dl>
        <div class="two">
          <${kn} title="Parents" refs=${l.parents} onOpen=${s} />
          <${kn} title="Children" refs=${l.children} onOpen=${s} />
        </div>
        <section>
          <h3>Comments <span class="count">${l.comments.length}</span></h3>
          <ul class="comments">
            ${l.comments.map(h=>p`
                <li>
                  <div class="comment-head"><strong>${h.author}</strong><span class="muted">${G(h.created_at)}</span></div>
                  <div class="md">${we(h.body)}</div>
                </li>
              `)}
          </ul>
          <form class="comment-form" onSubmit=${f}>
            <textarea name="comment" rows="2" placeholder="Add a comment (markdown)" value=${g}
              onInput=${h=>m(h.target.value)}
              onKeyDown=${h=>{h.key==="Enter"&&(h.ctrlKey||h.metaKey)&&f(h)}}></textarea>
            <button type="submit" class="primary" disabled=${!g.trim()}>Comment</button>
          </form>
        </section>
        <section>
          <h3>Runs <span class="count">${l.runs.length}</span></h3>
          ${l.runs.length===0?p`<div class="muted">Not run yet.</div>`:p`<ul class="runs">${[...l.runs].reverse().map(h=>p`<${ur} key=${h.id} taskId=${c.id} run=${h} version=${e} />`)}</ul>`}
        </section>
        <section>
          <h3>Events</h3>
          <ol class="events">
            ${[...l.events].reverse().slice(0,50).map(h=>p`<li><span class="ev-kind">${h.kind}</span><span class="ev-text">${_r(h)}</span><span class="muted">${G(h.created_at)}</span></li>`)}
          </ol>
        </section>
      </div>
    `:k?null:p`<div class="muted pad">Loading…</div>`}
  </aside>`}var Ue=210,de=52,_t=70,ft=18,bn=400;function fr(t,e){let n=new Map(t.map(i=>[i.id,i])),r=e.filter(i=>n.has(i.parent_id)&&n.has(i.child_id)),a=[...new Set(r.flatMap(i=>[i.parent_id,i.child_id]))].slice(0,bn),o=new Set(a),l=new Map;for(let i of r)!o.has(i.parent_id)||!o.has(i.child_id)||l.set(i.child_id,[...l.get(i.child_id)??[],i.parent_id]);let $=new Map,k=(i,u=0)=>{let w=$.get(i);if(w!==void 0)return w;if(u>bn)return 0;let f=l.get(i)??[],c=f.length?1+Math.max(...f.map(h=>k(h,u+1))):0;return $.set(i,c),c},_=[];for(let i of a)(_[k(i)]??=[]).push(i);let g=new Map;_.forEach((i,u)=>{i.sort((w,f)=>n.get(w).created_at-n.get(f).created_at),i.forEach((w,f)=>{g.set(w,{card:n.get(w),x:20+u*(Ue+_t),y:20+f*(de+ft)})})});let m=Math.max(0,..._.map(i=>i.length));return{nodes:[...g.values()],edges:r.filter(i=>g.has(i.parent_id)&&g.has(i.child_id)).map(i=>[g.get(i.parent_id),g.get(i.child_id)]),width:40+_.length*(Ue+_t)-_t,height:40+m*(de+ft)-ft}}function yn(t,e){return t.length>e?t.slice(0,e-1)+"\u2026":t}function xn({cards:t,version:e,onOpen:n}){let[r,s]=b(null);if(N(()=>{D("GET","/links").then(o=>s(o.links)).catch(()=>s([]))},[e]),!r)return p`<div class="muted pad">Loading…</div>`;let a=fr(t,r);return a.nodes.length===0?p`
      <div class="graph-empty">
        <p>No dependencies among these tasks yet.</p>
        <p
          class="muted">Give a task a parent (in the create form, or <code>hermes kanban link</code>) to see the graph.</p>
      </div>
    `:p`
    <div class="graph-wrap">
      <svg class="graph" width=${a.width} height=${a.height} viewBox=${`0 0 ${a.width} ${a.height}`} role="img"
        aria-label="Dependency graph">
          <defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" class="arrow" /></marker></defs>
          ${a.edges.map(([o,l])=>{let $=o.x+Ue,k=o.y+de/2,_=l.x,g=l.y+de/2,m=($+_)/2;return p`<path class="edge" d=${`M ${$} ${k} C ${m} ${k}, ${m} ${g}, ${_-2} ${g}`} marker-end="url(#arrow)" />`})}
          ${a.nodes.map(o=>p`
              <g class=${`node st-${o.card.status}`} transform=${`translate(${o.x},${o.y})`} tabindex="0" role="button"
                aria-label=${o.card.title} onClick=${()=>n(o.card.id)}
                onKeyDown=${l=>l.key==="Enter"&&n(o.card.id)}>
                <rect width=${Ue} height=${de} rx="10" />
                <rect class="bar" width="5" height=${de} rx="2" />
                <text x="14" y="21" class="node-title">${yn(o.card.title,26)}</text>
                <text x="14" y="39" class="node-meta">${o.card.id} · ${o.card.status}${o.card.assignee?` \xB7 @${yn(o.card.assignee,12)}`:""}</text>
              </g>
            `)}
        </svg>
    </div>
  `}var pr=0,hr={done:{title:"Complete task?",text:t=>`Mark '${t}' as done. Its children whose parents are all done become ready.`,action:"Complete",reason:!1},archived:{title:"Archive task?",text:t=>`Archive '${t}'. A running worker is stopped.`,action:"Archive",reason:!1},blocked:{title:"Block task?",text:t=>`Block '${t}' until someone unblocks it. A running worker is stopped.`,action:"Block",reason:!0},scheduled:{title:"Schedule task?",text:t=>`Park '${t}' in Scheduled until someone moves it on ('hermes kanban schedule' can give it a time instead). A running worker is stopped.`,action:"Schedule",reason:!0},review:{title:"Send to review?",text:t=>`Hand '${t}' to review: the dispatcher starts its assignee on it as the reviewer, who completes it or sends it back. A running worker is stopped.`,action:"Send to review",reason:!0}};function Sn(){let t=/^#(t_[0-9a-f]{8})$/.exec(location.hash);return t?t[1]:null}function mr(t,e){if(e.attention&&!t.warnings||e.assignee==="-"&&t.assignee!==null||e.assignee&&e.assignee!=="-"&&t.assignee!==e.assignee||e.tenant&&t.tenant!==e.tenant)return!1;if(e.text){let n=e.text.toLowerCase();if(!`${t.id} ${t.title} ${t.assignee??""} ${t.body??""}`.toLowerCase().includes(n))return!1}return!0}function Cn(){let[t,e]=b(null),[n,r]=b(null),[s,a]=b("ok"),[o,l]=b(null),[$,k]=b([]),[_,g]=b(Sn()),[m,i]=b(0),[u,w]=b(0),[f,c]=b("board"),[h,y]=b(!1),[C,F]=b(null),[te,X]=b("connecting"),[I,J]=b({assignee:"",tenant:"",text:"",attention:!1}),[B,V]=b(!0),[T,R]=b(new Set),[En,pt]=b(new Set),[ht,mt]=b(null),[Tn,$t]=b(!1),[Be,gt]=b(!1),[vt,In]=b([]),kt=Q(null),He=Q(_);He.current=_;let H=ee((d,v,x)=>{let S={id:++pr,kind:d,text:v,group:x};k(O=>[...O.filter(U=>!x||U.group!==x).slice(-3),S]),d==="info"&&setTimeout(()=>k(O=>O.filter(U=>U.id!==S.id)),4e3)},[]),z=ee(async()=>{try{let d=await D("GET",`/board?include_archived=${Be}`);ln(d.now),e(d),l(null),w(v=>v+1)}catch(d){d instanceof W&&d.status===401?a("missing"):l(d instanceof Error?d.message:String(d))}},[Be]);N(()=>{z()},[z]),N(()=>{D("GET","/config").then(d=>{r(d),d.default_tenant&&J(v=>({...v,tenant:v.tenant||d.default_tenant})),d.include_archived_by_default&&gt(!0),V(d.lane_by_profile)}).catch(()=>{}),D("GET","/boards").then(d=>In(d.boards.filter(v=>v.exists))).catch(()=>{})},[]);let wt=t!==null;N(()=>{if(!wt||s!=="ok")return;let d,v=()=>{clearTimeout(d),d=setTimeout(z,120)},x=new EventSource(`${nt}${st(`/events?since=${t.latest_event_id}`)}`);return x.onopen=()=>X("live"),x.onerror=()=>X(x.readyState===EventSource.CLOSED?"offline":"connecting"),x.onmessage=S=>{X("live"),JSON.parse(S.data).events.some(U=>U.task_id===He.current)&&i(U=>U+1),v()},x.addEventListener("reset",v),()=>{clearTimeout(d),x.close()}},[wt,s,z]),N(()=>{let d=()=>g(Sn());return addEventListener("hashchange",d),()=>removeEventListener("hashchange",d)},[]);let ie=ee(d=>{g(d),history.replaceState(null,"",d?`#${d}`:location.pathname+location.search)},[]),We=ee(async(d,v,x="")=>{try{await D("PATCH",`/tasks/${d.id}`,{status:v,...x&&["blocked","scheduled","review"].includes(v)?{block_reason:x}:{}}),H("info",`${d.id} moved to ${K[v]}`),i(S=>S+1),z()}catch(S){H("error",`Cannot move '${d.title}': ${S instanceof Error?S.message:S}`)}},[z,H]),be=ee(async(d,v)=>{let x=[...T];if(x.length!==0){$t(!0);try{let S=await D("POST","/tasks/bulk",{ids:x,...d}),O=S.results.filter(U=>!U.ok);if(pt(new Set(O.map(U=>U.id))),O.length){let U=O.some(oe=>oe.code==="running")&&"assignee"in d;H("error",`${v}: ${O.length} of ${S.results.length} refused \u2014 `+O.slice(0,3).map(oe=>`${oe.id}: ${oe.error}`).join("; ")+(O.length>3?"; \u2026":"")+(U?" Tick 'Reclaim first' to release running tasks and reassign them.":""),"bulk"),R(new Set(O.map(oe=>oe.id)))}else H("info",`${v}: ${S.results.length} task(s)`,"bulk"),R(new Set);i(U=>U+1),z()}catch(S){H("error",`${v}: ${S instanceof Error?S.message:S}`,"bulk")}finally{$t(!1)}}},[T,z,H]),_e=ee(d=>{let v=T.size;if(d==="done"||d==="archived"){F({title:d==="done"?`Complete ${v} task(s)?`:`Archive ${v} task(s)?`,text:d==="done"?`Mark ${v} selected task(s) done. Running workers are stopped; children whose parents are all done become ready.`:`Archive ${v} selected task(s). Running workers are stopped.`,action:d==="done"?"Complete":"Archive",onConfirm:()=>be(d==="done"?{status:"done"}:{archive:!0},d==="done"?"Completed":"Archived")});return}be({status:d},`Moved to ${K[d]}`)},[T,be]),bt=ee((d,v)=>{let x=hr[v];if(T.has(d.id)&&T.size>1&&!x?.reason){_e(v);return}if(x){F({title:x.title,text:x.text(d.title),action:x.action,reason:x.reason,onConfirm:S=>We(d,v,S)});return}We(d,v)},[We,T,_e]),Rn=async()=>{try{let d=await D("POST","/dispatch?max=8"),v=Array.isArray(d.spawned)?d.spawned.length:d.spawned??0;H("info",`Dispatcher ran: ${v} spawned`)}catch(d){H("error",d instanceof Error?d.message:String(d))}};N(()=>{let d=v=>{let x=v.target,S=["INPUT","TEXTAREA","SELECT"].includes(x.tagName);if(v.key==="Escape"&&!h&&!C){S?x.blur():He.current?ie(null):R(new Set);return}S||v.ctrlKey||v.metaKey||v.altKey||h||C||(v.key==="n"?(v.preventDefault(),y(!0)):v.key==="/"?(v.preventDefault(),kt.current?.focus()):v.key==="g"&&c(O=>O==="board"?"graph":"board"))};return addEventListener("keydown",d),()=>removeEventListener("keydown",d)},[h,C,ie]);let fe=le(()=>t?t.columns.map(d=>({name:d.name,tasks:d.tasks.filter(v=>mr(v,I))})):[],[t,I]),ye=le(()=>fe.flatMap(d=>d.tasks),[fe]),xe=le(()=>fe.flatMap(d=>B&&d.name==="running"?ct(d.tasks).flatMap(v=>v.cards):d.tasks).map(d=>d.id),[fe,B]);N(()=>{if(!t)return;let d=new Set(t.columns.flatMap(v=>v.tasks.map(x=>x.id)));R(v=>[...v].every(x=>d.has(x))?v:new Set([...v].filter(x=>d.has(x))))},[t]);let An={picked:T,failed:En,toggle(d){let v=new Set(T);v.has(d)?v.delete(d):v.add(d),R(v),mt(d)},range(d){let v=ht===null?-1:xe.indexOf(ht),x=xe.indexOf(d),S=new Set(T);if(v<0||x<0)S.add(d);else for(let O of xe.slice(Math.min(v,x),Math.max(v,x)+1))S.add(O);R(S),mt(d)},column(d){let v=new Set(T),x=d.length>0&&d.every(S=>v.has(S));for(let S of d)x?v.delete(S):v.add(S);R(v)}},Mn={ready:()=>_e("ready"),complete:()=>_e("done"),archive:()=>_e("archived"),reassign:(d,v)=>be({assignee:d??"",...v?{reclaim_first:!0}:{}},d?`Reassigned to @${d}`:"Unassigned"),selectAllVisible:()=>R(new Set(xe)),clear:()=>{R(new Set),pt(new Set)}},yt=ye.filter(d=>d.warnings).length;if(s==="missing")return p`
      <div class="auth">
        <h1>hermes</h1>
        <p>This board needs its access token.</p>
        <p>Open the address that <code>hermes gateway start</code> or <code>hermes gateway status</code> prints — it ends in <code>?token=…</code>.</p>
      </div>
    `;let je=t?t.columns.reduce((d,v)=>d+v.tasks.length,0):0,xt=n&&!n.dispatcher.running;return p`<div class=${`app ${_?"with-drawer":""}`}>
    <header class="topbar">
      <div class="brand"><span class="logo" aria-hidden="true"></span>hermes</div>
      ${vt.length>1?p`
        <select class="board-pick" aria-label="Board"
          value=${rt()||t?.board||"default"}
          onChange=${d=>{let v=d.target.value;location.search=`?board=${encodeURIComponent(v)}`}}>${vt.map(d=>p`<option value=${d.slug}>${d.name}</option>`)}</select>
      `:p`<span class="board-name">${t?.board??""}</span>`}
      <span class=${`live live-${te}`} title=${te==="live"?"Live updates on":"Reconnecting\u2026"}>
        <span class="live-dot"></span>${te==="live"?"Live":te==="connecting"?"Connecting":"Offline"}
      </span>
      ${n?p`<span class=${`disp ${xt?"off":"on"}`} title=${n.dispatcher.message||"dispatcher running"}>
          Dispatcher ${xt?"off":"on"}</span>`:null}
      <span class="spacer"></span>
      <div class="view-toggle" role="tablist">
        <button role="tab" aria-selected=${f==="board"} class=${f==="board"?"on":""} onClick=${()=>c("board")}>Board</button>
        <button role="tab" aria-selected=${f==="graph"} class=${f==="graph"?"on":""} onClick=${()=>c("graph")}>Graph</button>
      </div>
      <button class="ghost" onClick=${Rn} title="Run the dispatcher once now">Nudge dispatcher</button>
      <button class="primary" onClick=${()=>y(!0)} title="New task (n)">+ New task</button>
    </header>
    <div class="filters">
      <input ref=${kt} class="search" type="search" placeholder="Filter by text  ( / )" value=${I.text}
        aria-label="Filter by text" onInput=${d=>J({...I,text:d.target.value})} />
      <select aria-label="Assignee" value=${I.assignee} onChange=${d=>J({...I,assignee:d.target.value})}>
        <option value="">All assignees</option>
        <option value="-">Unassigned</option>
        ${(t?.assignees??[]).map(d=>p`<option value=${d}>@${d}</option>`)}
      </select>
      <select aria-label="Tenant" value=${I.tenant} onChange=${d=>J({...I,tenant:d.target.value})}>
        <option value="">All tenants</option>
        ${(t?.tenants??[]).map(d=>p`<option value=${d}>${d}</option>`)}
      </select>
      <label class="check"><input type="checkbox" checked=${Be} onChange=${d=>gt(d.target.checked)} /> Archived</label>
      <label class="check" title="Split the In progress column into a lane per profile"><input type="checkbox" name="lanes" checked=${B} onChange=${d=>V(d.target.checked)} /> Lanes by profile</label>
      ${yt||I.attention?p`
        <button class=${`attention ${I.attention?"on":""}`} aria-pressed=${I.attention}
          title="Tasks with diagnostics (hermes kanban diagnostics): show only them"
          onClick=${()=>J({...I,attention:!I.attention})}>⚠ ${yt} need attention</button>
      `:null}
      <span class="spacer"></span>
      <span class="muted">${ye.length===je?`${je} tasks`:`${ye.length} of ${je} tasks`}</span>
    </div>
    <div class="banners" aria-live="polite">
      ${o?p`<div class="banner error">Cannot load the board: ${o}</div>`:null}
      ${$.map(d=>p`
        <div key=${d.id} class=${`banner ${d.kind}`} role=${d.kind==="error"?"alert":"status"}>
          <span>${d.text}</span>
          <button class="icon" aria-label="Dismiss" onClick=${()=>k(v=>v.filter(x=>x.id!==d.id))}>✕</button>
        </div>
      `)}
    </div>
    ${T.size?p`
        <${dn} count=${T.size} assignees=${t?.assignees??[]}
          actions=${Mn} busy=${Tn} />
      `:null}
    <main class="main">
      ${t?f==="board"?p`
        <${cn} columns=${fe} onOpen=${ie} onMove=${bt} selected=${_}
          picking=${An} lanes=${B} />
      `:p`<${xn} cards=${ye} version=${u} onOpen=${ie} />`:p`<div class="muted pad">Loading…</div>`}
      ${_?p`
        <${wn} id=${_} version=${m} markdown=${n?.render_markdown??!0}
          onClose=${()=>ie(null)} onOpen=${ie} onMove=${bt} onError=${d=>H("error",d)} />
      `:null}
    </main>
    ${h?p`
        <${pn} assignees=${t?.assignees??[]} tenants=${t?.tenants??[]}
          defaultTenant=${I.tenant} onClose=${()=>y(!1)}
          onCreated=${(d,v)=>{v?H("warning",`Task created, but: ${v}`):H("info",`Created ${d.id}`),z()}} />
      `:null}
    ${C?p`<${fn} req=${C} onClose=${()=>F(null)} />`:null}
  </div>`}Ot(p`<${Cn} />`,document.getElementById("app"));
