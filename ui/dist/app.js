var E,Ct,Dn,J,We,Ie,Et,Ce,Tt,Ge,Fe,Nn,fe=Symbol.for("pv"),Re={},Ae=[],Ln=/^m(i|n|o|s|text|space)$/,Ve=Array.isArray,qe=Ae.slice,ne=Object.assign;function te(t){t&&t.parentNode&&t.remove()}function L(t,e,n){var r,s,a,o={},l=arguments.length;for(a in e)a=="key"?r=e[a]:a=="ref"&&typeof t!="function"?s=e[a]:o[a]=e[a];return l>2&&(o.children=l>3?qe.call(arguments,2):n),pe(t,o,r,s,null)}function pe(t,e,n,r,s){var a={type:t,props:e,key:n,ref:r,__k:null,__:null,__b:0,__e:null,__c:null,constructor:fe,__v:s||++Ct,__i:-1,__u:0};return!s&&E.vnode&&E.vnode(a),a}function Me(t){return t.children}function Ee(t,e){this.props=t,this.context=e,this.__g=0}function Y(t,e){if(e==null)return t.__&&Y(t.__,t.__i+1);for(var n;e<t.__k.length;e++)if((n=t.__k[e])&&n.__e)return n.__e;return typeof t.type!="function"||t.props.__P?null:Y(t)}function On(t){var e,n=t.__v,r=n.__e,s=[],a=[],o=t.__P;o&&((e=ne({constructor:fe},n)).__v=n.__v+1,E.vnode&&E.vnode(e),Ke(o,e,n,t.__n,o.namespaceURI,32&n.__u?[r]:null,s,r||Y(n),32&n.__u,a),e.__v=n.__v,e.__.__k[e.__i]=e,Nt(s,e,a),n.__=n.__e=null,e.__e!=r&&It(e))}function It(t){if((t=t.__)&&t.__c&&!t.props.__P)return t.__e=null,t.__k.some(function(e){return e&&(t.__e=e.__e)}),It(t)}function xt(t){(8&t.__g||(t.__g|=8,J.push(t),Ie++))&&We==E.debounceRendering||((We=E.debounceRendering)||queueMicrotask)(Rt)}function Rt(){try{for(var t,e=1;J.length;)J.length>e&&J.sort(Et),t=J.shift(),e=J.length,8&t.__g&&On(t)}finally{(Ie=J.length)&&(We||queueMicrotask)(Rt)}}function At(t,e,n,r,s,a,o,l,g,v,_){var k,$,i,u,y,p,d=r.__k||Ae,h=e.length;for(g=Pn(n,e,d,g,h),k=0;k<h;k++)(i=n.__k[k])!=null&&($=~i.__i&&d[i.__i]||Re,i.__i=k,p=Ke(t,i,$,s,a,o,l,g,v,_),u=i.__e,($.ref!=i.ref||8&$.__u)&&($.ref&&ze($.ref,null,i,$),i.ref&&_.push(i.ref,i.__c||u,i)),y=y||u,4&i.__u?(g=Mt(i,g,t,!$.__v),$.__e&&($.__e=null)):typeof i.type=="function"&&p!==void 0?g=p:u&&(g=u.nextSibling),i.__u&=-21);return n.__e=y,g}function Pn(t,e,n,r,s){var a,o,l,g,v,_,k,$,i,u=n.length,y=u,p=0,d=0,h=t.__k=Array(s);for(a=0;a<s;a++)(o=e[a])!=null&&typeof o!="boolean"&&typeof o!="function"?(typeof o!="object"||o.constructor===String?o=h[a]=pe(null,o):Ve(o)?o=h[a]=pe(Me,{children:o}):o.constructor===fe&&o.__b?o=h[a]=pe(o.type,o.props,o.key,o.ref,o.__v):h[a]=o,g=a+p,o.__=t,o.__b=t.__b+1,l=null,~(v=o.__i=Un(o,n,g,y))&&(y--,(l=n[v])&&(l.__u|=2)),l&&l.__v?(o.__u|=16,v==g-1?p--:v==g+1?p++:v!=g&&(v>g?p--:p++,d=1)):(~v||(s>u?p--:s<u&&p++),typeof o.type!="function"&&(o.__u|=4))):h[a]=null;if(d){for(_=[],k=[],a=0;a<s;a++)if((o=h[a])&&16&o.__u){for(p=0,$=_.length;p<$;)_[i=p+$>>1]<o.__i?p=i+1:$=i;_[p]=o.__i,k[a]=p+1}for(p=_.length;a--;)k[a]&&(k[a]==p?p--:h[a].__u|=4)}if(y)for(a=0;a<u;a++)!(l=n[a])||2&l.__u||(l.__e==r&&(r=Y(l)),Xe(l,l));return r}function Mt(t,e,n,r){var s,a,o,l;if(typeof t.type=="function"){if(t.props.__P)return e;if(s=t.__k)for(a=0;a<s.length;a++)s[a]&&(s[a].__=t,e=Mt(s[a],e,n,!1));return e}for(e&&!e.parentNode&&(e=Y(t))&&!e.parentNode&&(e=null),o=t.__e,l=e;l&&l.nodeType==8;)l=l.nextSibling;for(o!=l&&(!r&&n.moveBefore&&o.parentNode?n.moveBefore(o,e):n.insertBefore(o,e||null)),e=o;(e=e&&e.nextSibling)&&e.nodeType==8&&!e.data.startsWith("$s"););return e}function Un(t,e,n,r){var s,a=t.key,o=t.type,l=e[n],g=l&&!(2&l.__u);if(l===null&&a==null||g&&a==l.key&&o==l.type)return n;if(r>(g?1:0)){for(s=n-1;s>=0;s--)if((l=e[s])&&!(2&l.__u)&&a==l.key&&o==l.type)return s;for(s=n+1;s<e.length;s++)if((l=e[s])&&!(2&l.__u)&&a==l.key&&o==l.type)return s}return-1}function St(t,e,n){n==null&&(n=""),e[0]=="-"?t.setProperty(e,n):t[e]=n}function Se(t,e,n,r,s){var a,o;if(e=="style")if(typeof n=="string")t.style.cssText=n;else{if(typeof r=="string"&&(t.style.cssText=r=""),r)for(e in r)n&&e in n||St(t.style,e);if(n)for(e in n)r&&n[e]==r[e]||St(t.style,e,n[e])}else if(e[0]=="o"&&e[1]=="n")typeof n!="function"&&(n=null),typeof r!="function"&&(r=null),(t.__e||(t.__e={}))[e]=n,n&&r||(o=Fe[e]||(Fe[e]=Bn(e)),(t.__a||(t.__a={}))[e]=Ge,a=e!=(e=e.replace(Tt,"$1")),(e=e.slice(2))[0]<"a"&&(e=e.toLowerCase()),n?t.addEventListener(e,o,a):t.removeEventListener(e,o,a));else{if(s=="http://www.w3.org/2000/svg")e=e.replace(/xlink(H|:h)/,"h").replace(/sName$/,"s");else if(e!="width"&&e!="height"&&e!="href"&&e!="list"&&e!="form"&&e!="tabIndex"&&e!="download"&&e!="rowSpan"&&e!="colSpan"&&e!="role"&&e!="popover"&&e in t)try{return void(t[e]=n??"")}catch{}if(typeof n=="function")return;n==null||n===!1&&e[4]!="-"?t.removeAttribute(e):t.setAttribute(e,e=="popover"&&n==1?"":n)}}function Bn(t){return function(e){var n=this.__e;if(n){if(n=n[t],e[Ce]==null)e[Ce]=Ge++;else if(e[Ce]<this.__a[t])return;return n(E.event?E.event(e):e)}}}function Ke(t,e,n,r,s,a,o,l,g,v){var _,k,$,i,u,y,p,d,h,w,S,F,ee,z,I,X,B,G,T=e.type;if(e.constructor!==fe)return null;128&n.__u&&(g=32&n.__u,_=n.__c.__z)&&(e.__u|=g,k=a=[],_.nodeType==8?l=Te(_,a):a.push(_),l=a[0]||l),(_=E.__b)&&_(e);e:if(typeof T=="function"){$=o.length;try{if(d=e.props,h=(_=T.prototype)&&_.render,w=(_=T.contextType)&&r[_.__c],S=_?w?w.props.value:_.__:r,(i=n.__c)?(e.__c=i,2&i.__g&&(i.__g|=1)):(h?e.__c=i=new T(d,S):(e.__c=i=new Ee(d,S),i.constructor=T,i.render=jn),w&&w.sub(i),i.state||(i.state={}),i.__n=r,i.__g|=8,i.__h=[],i.__k=[]),h&&(i.__s||(i.__s=i.state),T.getDerivedStateFromProps&&(i.__s==i.state&&(i.__s=ne({},i.__s)),ne(i.__s,T.getDerivedStateFromProps(d,i.__s)))),u=i.props,y=i.state,i.__v=e,n.__c){if(d!==u&&h&&!T.getDerivedStateFromProps&&i.componentWillReceiveProps&&i.componentWillReceiveProps(d,S),e.__v==n.__v&&!(8&i.__g)||!(4&i.__g)&&i.shouldComponentUpdate&&i.shouldComponentUpdate(d,i.__s,S)===!1){e.__v!=n.__v&&(i.props=d,i.state=i.__s,i.__g&=-9),e.__e=n.__e,e.__k=n.__k,e.__k.some(function(R){R&&(R.__=e)}),Ae.push.apply(i.__h,i.__k),i.__k=[],i.__h.length&&o.push(i),l=Y(n);break e}i.componentWillUpdate&&i.componentWillUpdate(d,i.__s,S),h&&i.componentDidUpdate&&i.__h.push(function(){i.componentDidUpdate(u,y,p)})}else h&&!T.getDerivedStateFromProps&&i.componentWillMount&&i.componentWillMount(),h&&i.componentDidMount&&i.__h.push(i.componentDidMount);i.context=S,i.props=d,i.__P=t,i.__g&=-5,F=E.__r,ee=h?25:0;do i.__g&=-9,F&&F(e),_=i.render(i.props,i.state=i.__s,i.context);while(8&i.__g&&++ee<25);h&&(Ae.push.apply(i.__h,i.__k),i.__k=[]),i.state=i.__s,i.getChildContext&&(r=ne({},r,i.getChildContext())),h&&n.__c&&i.getSnapshotBeforeUpdate&&(p=i.getSnapshotBeforeUpdate(u,y)),z=_&&_.type===Me&&_.key==null?_.props.children:_,d.__P&&(_=l,s=(t=d.__P).namespaceURI,g=a=null,n.props&&n.props.__P!=t&&(n.__k.some(function(R){R&&Xe(R,R)}),n.__k=null),l=n.__k?Y(n,0):null),l=At(t,Ve(z)?z:[z],e,n,r,s,a,o,l,g,v),d.__P&&(e.__e=null,l=_),e.__u&=-161,k&&k.some(te),i.__h.length&&o.push(i),1&i.__g&&(i.__g&=-4)}catch(R){if(o.length=$,e.__v=null,g||a)if(R&&R.then){if(e.__u|=128|g,a){for(~(B=a.indexOf(l||void 0))||(B=a.length);(G=a[B-1])&&G.nodeType==8;)B--;for(;B<a.length;B++)if(G=a[B])if(a[B]=null,I){if(G==X)break}else{if(G.nodeType!=8)break;G.data.startsWith("$s")&&(X=Te(I=G))}}if(!I){for(;l&&l.nodeType==8&&l.nextSibling;)l=l.nextSibling;I=l}(_=Te(I=e.__c.__z||(e.__c.__z=I)))?(e.__e=I,l=_):e.__e=l,l=l&&l.nextSibling}else a&&a.some(te);else e.__e=n.__e;e.__k||(e.__k=n.__k||[]),R&&R.then||Dt(e),E.__e(R,e,n)}}else l=e.__e=Hn(n.__e,e,n,r,s,a,o,g,v,t);return(_=E.diffed)&&_(e),l}function Te(t,e){if(t&&t.nodeType==8&&t.data.startsWith("$s"))for(var n=1;t=t.nextSibling;){if(t.nodeType==8){if(t.data.startsWith("$s"))n++;else if(t.data.startsWith("/$s")&&!--n)return t}e&&e.push(t)}}function Dt(t){t&&(t.__c&&(t.__c.__g|=4),t.__k&&t.__k.some(Dt))}function Nt(t,e,n){for(var r=0;r<n.length;)ze(n[r++],n[r++],n[r++]);E.__c&&E.__c(e,t),t.some(function(s){try{t=s.__h,s.__h=[],t.some(function(a){a.call(s)})}catch(a){E.__e(a,s.__v)}})}function Hn(t,e,n,r,s,a,o,l,g,v){var _,k,$,i,u,y,p,d,h=n.props||Re,w=e.props,S=e.type;if(S=="svg"?s="http://www.w3.org/2000/svg":S=="math"?s="http://www.w3.org/1998/Math/MathML":s||(s="http://www.w3.org/1999/xhtml"),a){for(_=0;_<a.length;_++)if((u=a[_])&&(S?u.localName==S:u.nodeType==3)){t=u,a[_]=null;break}}if(!t){if(d=v.ownerDocument||document,!S)return d.createTextNode(w);t=d.createElementNS(s,S,w.is?w:v),l&&(E.__m&&E.__m(e,a),l=!1),a=null}if(S){if(v=S=="template"&&t.content||t,a=S=="textarea"&&w.defaultValue!=null?null:a&&qe.call(v.childNodes),!l&&a)for(h={},_=0;_<t.attributes.length;_++)h[(u=t.attributes[_]).name]=u.value;for(_ in h)u=h[_],_=="dangerouslySetInnerHTML"?$=u:_=="children"||_ in w||_=="value"&&"defaultValue"in w||_=="checked"&&"defaultChecked"in w||Se(t,_,null,u,s);for(_ in w)u=w[_],_=="children"?i=u:_=="dangerouslySetInnerHTML"?k=u:_=="value"?y=u:_=="checked"?p=u:l&&typeof u!="function"||h[_]===u||Se(t,_,u,h[_],s);k?(l||$&&(k.__html==$.__html||k.__html==t.innerHTML)||(t.innerHTML=k.__html),e.__k=[]):($&&(t.textContent=""),(S=="foreignObject"||s=="http://www.w3.org/1998/Math/MathML"&&Ln.test(S))&&(s="http://www.w3.org/1999/xhtml"),At(v,Ve(i)?i:[i],e,n,r,s,a,o,a?a[0]:n.__k&&Y(n,0),l,g),a&&a.some(te)),l&&S!="textarea"||(_="value",S=="progress"&&y==null?t.removeAttribute(_):y==null||y===t[_]&&(S!="progress"||y)||Se(t,_,y,h[_],s),_="checked",p!=null&&p!=t[_]&&Se(t,_,p,h[_],s))}else h===w||l&&t.data==w||(t.data=w);return t}function ze(t,e,n,r){try{typeof t=="function"?e?e.__x=t(e)||1:r&&(r=r.__c||r.__e)&&(e=r.__x)&&(r.__x=null,typeof e=="function"?e():t(null)):t.current=e}catch(s){E.__e(s,n)}}function Xe(t,e,n){var r,s,a,o;if(E.unmount&&E.unmount(t),!(r=t.ref)||r.current&&r.current!=t.__e||ze(r,null,e,t),r=t.__c){if(r.componentWillUnmount)try{r.componentWillUnmount()}catch(l){E.__e(l,e)}r.__P=r.__n=null}if(r=t.__k)for(o=0;o<r.length;o++)r[o]&&Xe(r[o],e,typeof t.type!="function"||n&&!t.props.__P);!n&&(r=t.__c)&&(r=r.__z)&&(s=Te(r,a=[]))&&(r==t.__e&&a.some(te),te(s),te(r)),n||te(t.__e),t.__e=t.__c=t.__=null}function jn(t,e,n){return this.constructor(t,n)}function Lt(t,e){var n,r,s,a;E.__&&E.__(t,e),e.nodeType==9&&(e=e.documentElement),r=(n=t&&32&t.__u)?null:e.__k,e.__k=pe(Me,{children:[t]}),s=[],a=[],Ke(e,e.__k,r||Re,Re,e.namespaceURI,r?null:e.firstChild?qe.call(e.childNodes):null,s,r?r.__e:e.firstChild,n,a),Nt(s,e.__k,a),e.__k.props.children=null}E={__e:function(t,e,n,r){for(var s,a,o;e=e.__;)if((s=e.__c)&&!(1&s.__g)){s.__g|=4;try{if((o=(a=s.constructor)&&a.getDerivedStateFromError)&&s.setState(a.getDerivedStateFromError(t)),s.componentDidCatch&&(s.componentDidCatch(t,r||{}),o=1),o&&8&s.__g)return void(s.__g|=2)}catch(l){t=l}}throw Ie=0,t}},Ct=0,Dn=function(t){return t!=null&&t.constructor===fe},Ee.prototype.setState=function(t,e){var n=this.__s;n&&n!=this.state||(n=this.__s=ne({},this.state)),typeof t=="function"&&(t=t(ne({},n),this.props)),t&&(ne(n,t),this.__v&&(e&&this.__k.push(e),xt(this)))},Ee.prototype.forceUpdate=function(t){this.__v&&(this.__g|=4,t&&this.__h.push(t),xt(this))},Ee.prototype.render=Me,J=[],Ie=0,Et=function(t,e){return t.__v.__b-e.__v.__b},Ce=Symbol(),Tt=/(PointerCapture)$|Capture$/i,Ge=0,Fe={},Nn=0;var me,M,Je,Ot,Ye=Object.is,$e=0,Vt=[],Qe=[],A=E,Pt=A.__b,Ut=A.__r,Bt=A.diffed,Ht=A.__c,jt=A.unmount,Wt=A.__;function et(t,e){A.__h&&A.__h(M,t,$e||e),$e=0;var n=M.__H||(M.__H={__:[],__h:[]});return t>=n.__.length&&n.__.push({}),n.__[t]}function b(t){return $e=1,Wn(Kt,t)}function Wn(t,e,n){var r=et(me++,2);if(r.t=t,!r.__c&&(r.__=[n?n(e):Kt(void 0,e),function(a){var o=(r.__N||r.__)[0],l=r.t(o,a);Ye(o,l)||(r.__N=[l,r.__[1]],r.__c.setState({}))}],r.__c=M,!M.__f)){M.__f=!0;var s=M.shouldComponentUpdate;M.shouldComponentUpdate=function(a,o,l){var g=this.__H;if(!g)return!0;var v=!1,_=this.props!=a;if(g.__.some(function($){$.__N&&(v=!0,Ye($.__[0],$.__N[0])||(_=!0))}),s){var k=s.call(this,a,o,l);return v?k||_:k}return!v||_}}return r.__}function D(t,e){var n=et(me++,3);!A.__s&&qt(n.__H,e)&&(n.__P=!0,n.__=t,n.u=e,M.__H.__h.push(n))}function Q(t){return $e=5,le(function(){return{current:t}},[])}function le(t,e){var n=et(me++,7);return qt(n.__H,e)&&(n.__=t(),n.__H=e),n.__}function Z(t,e){return $e=8,le(function(){return t},e)}function Fn(){var t;do{for(;t=Qe.shift();)try{he(t)}catch(n){A.__e(n,{__:(t=t.__P)&&t.__v})}for(;t=Vt.shift();){var e=t.__H;if(t.__P&&e)try{e.__h.some(he),e.__h.some(Ze),e.__h=[]}catch(n){e.__h=[],A.__e(n,t.__v)}}}while(Qe.length)}A.__b=function(t){M=null,Pt&&Pt(t)},A.__=function(t,e){t&&e.__k&&e.__k.__m&&(t.__m=e.__k.__m),Wt&&Wt(t,e)},A.__r=function(t){Ut&&Ut(t),me=0;var e=(M=t.__c).__H;e&&(Je==M?M.__h=[]:(e.__h.some(he),e.__h.some(Ze),me=0),e.__h=[],e.__.some(function(n){n.__N&&(n.__=n.__N),n.u=n.__N=void 0})),Je=M},A.diffed=function(t){Bt&&Bt(t);var e=t.__c;e&&e.__H&&(e.__H.__h.length&&Gt(Vt.push(e)),e.__H.__.some(function(n){n.u&&(n.__H=n.u)})),Je=M=null},A.__c=function(t,e){e.some(function(n){try{n.__h.some(he),n.__h=n.__h.filter(function(r){return!r.__||Ze(r)})}catch(r){n.__h=[function(){throw r}]}}),Ht&&Ht(t,e)},A.unmount=function(t){jt&&jt(t);var e,n,r=t.__c;r&&r.__H&&(r.__H.__.some(function(s){try{if(s.__P&&s.__c){if(n===void 0){for(n=t.__;n&&(!n.__c||!n.__c.__P);)n=n.__;n=n&&n.__c}s.__P=n,Gt(Qe.push(s))}else he(s)}catch(a){e=a}}),r.__H=void 0,e&&A.__e(e,r.__v))};var Ft=typeof requestAnimationFrame=="function";function Gn(t){var e,n=function(){clearTimeout(r),Ft&&cancelAnimationFrame(e),setTimeout(t)},r=setTimeout(n,35);Ft&&(e=requestAnimationFrame(n))}function Gt(t){t!=1&&Ot==A.requestAnimationFrame||((Ot=A.requestAnimationFrame)||Gn)(Fn)}function he(t){var e=M,n=t.__c;typeof n=="function"&&(t.__c=void 0,n()),M=e}function Ze(t){var e=M;t.__c=t.__(),M=e}function qt(t,e){return!t||t.length!=e.length||e.some(function(n,r){return!Ye(n,t[r])})}function Kt(t,e){return typeof e=="function"?e(t):e}var tt="/api/plugins/kanban",j=class extends Error{status;code;constructor(e,n,r){super(r),this.status=e,this.code=n}};function nt(){return new URLSearchParams(location.search).get("board")??""}function rt(t){let e=nt();return e?t+(t.includes("?")?"&":"?")+"board="+encodeURIComponent(e):t}async function N(t,e,n){let r;try{r=await fetch(tt+rt(e),{method:t,credentials:"same-origin",headers:n===void 0?{}:{"content-type":"application/json"},body:n===void 0?void 0:JSON.stringify(n)})}catch{throw new j(0,"offline","The gateway does not answer. Is it still running?")}let s=await r.text(),a=null;try{a=s?JSON.parse(s):null}catch{}if(!r.ok){let o=a;throw new j(r.status,o?.error?.code??"error",o?.detail??r.statusText)}return a}var P={ok:0,failure:1,usage:2,interrupted:130},Vn={usage:P.usage,invalid_input:P.usage,not_found:P.failure,conflict:P.failure,invalid_request:P.failure,invalid_state:P.failure,permission:P.failure,unauthorized:P.failure,store:P.failure,too_large:P.usage,unsupported_media:P.usage,misdirected:P.usage,method_not_allowed:P.usage,rate_limited:P.failure,unavailable:P.failure,failure:P.failure},De=class extends Error{code;kind;constructor(e,n,r="failure"){super(e),this.name=new.target.name,this.code=n,this.kind=r}get exitCode(){return Vn[this.kind]}},W=class extends De{constructor(e,n="usage"){super(e,n,"usage")}};var ce=class extends De{constructor(e,n="invalid_state"){super(e,n,"invalid_state")}};var re=["triage","todo","ready","running","blocked","done","archived"];function zt(t){return re.includes(t)}var wr=1024*1024;var xr=1024*1024;var Sr=new TextEncoder;var Kn=/^(\d+)\s*([smhd]?)$/i,zn={"":1,s:1,m:60,h:3600,d:86400};function Xt(t,e){let n=Kn.exec(e.trim());if(!n)throw new W(`${t}: malformed duration '${e}' (use 300, 90s, 30m, 2h or 1d)`,"invalid_duration");let r=Number(n[1])*zn[n[2].toLowerCase()];if(r>Xn)throw new W(`${t}: '${e}' is too long (at most 100 years)`,"invalid_duration");return r}var Xn=100*365*86400;var ge={triage:{satisfiesChildren:!1,holdsRun:!1,terminal:null,drop:"direct"},todo:{satisfiesChildren:!1,holdsRun:!1,terminal:null,drop:"direct"},ready:{satisfiesChildren:!1,holdsRun:!1,terminal:null,drop:"direct"},running:{satisfiesChildren:!1,holdsRun:!0,terminal:null,drop:"refuse"},blocked:{satisfiesChildren:!1,holdsRun:!1,terminal:null,drop:"block"},done:{satisfiesChildren:!0,holdsRun:!1,terminal:"a status write never reopens it \u2014 create a follow-up task instead",drop:"complete"},archived:{satisfiesChildren:!0,holdsRun:!1,terminal:"a status write never revives it \u2014 create a new task instead",drop:"archive"}},Jn={claim:["ready"],heartbeat:["running"],complete:["running","ready","blocked"],block:["running","ready"],unblock:["blocked"],promote:["triage","todo"],recompute:["todo"],archive:["triage","todo","ready","running","blocked","done"],assign:["triage","todo","ready","blocked","done","archived"],reclaim:["running"],edit_result:["done"],delete:["archived"]};function st(t,e){return Jn[t].includes(e)}function Yn(t){return ge[t].terminal!==null}var Nr=re.filter(Yn);function Qn(t){return ge[t].satisfiesChildren}var Lr=re.filter(Qn);function Zn(t){return t.length<=1?t.join(""):`${t.slice(0,-1).join(", ")} or ${t.at(-1)}`}function at(t,e,n){if(!zt(n))return new W(`unknown status: ${n} (expected one of ${re.join(", ")})`,"unknown_status");let r=ge[n].drop;if(r==="refuse")return new W(`Cannot set status to '${n}' directly: only the dispatcher starts tasks (move it to ready)`,"running_refused");if(e===n)return"noop";let s=ge[e].terminal;if(s!==null&&r!=="archive")return new ce(`${t} is ${e}; ${s}`,"terminal");switch(r){case"archive":return"archive";case"complete":case"block":{if(st(r,e))return r;let a=Zn(re.filter(o=>st(r,o)));return new ce(`cannot ${r} ${t}: it is ${e}; only ${a} tasks can be ${r==="complete"?"completed":"blocked"}`,"invalid_move")}case"direct":return ge[e].holdsRun&&n!=="ready"?new ce(`cannot move ${t} to ${n} while it runs: move it to ready first (that stops its worker)`,"invalid_move"):n==="ready"&&st("unblock",e)?"unblock":"direct"}}function Jt(t){return re.filter(e=>e!==t&&typeof at("",t,e)=="string")}function ke(t){let e=Math.max(0,Math.floor(t));return e<60?`${e}s`:e<3600?`${Math.floor(e/60)}m ${String(e%60).padStart(2,"0")}s`:e<86400?`${Math.floor(e/3600)}h ${String(Math.floor(e%3600/60)).padStart(2,"0")}m`:`${Math.floor(e/86400)}d ${Math.floor(e%86400/3600)}h`}function Yt(t){if(t===null)return"";let e=Math.max(0,t);return e<60?"now":e<3600?`${Math.floor(e/60)}m`:e<86400?`${Math.floor(e/3600)}h`:`${Math.floor(e/86400)}d`}function se(t){return t===null?"\u2014":new Date(t*1e3).toLocaleString()}var V={triage:"Triage",todo:"Todo",ready:"Ready",running:"In progress",blocked:"Blocked",done:"Done",archived:"Archived"},Qt={ready:[3600,86400],running:[600,3600],blocked:[3600,86400],todo:[7*86400,30*86400]};var en=function(t,e,n,r){var s;e[0]=0;for(var a=1;a<e.length;a++){var o=e[a++],l=e[a]?(e[0]|=o?1:2,n[e[a++]]):e[++a];o===3?r[0]=l:o===4?r[1]=Object.assign(r[1]||{},l):o===5?(r[1]=r[1]||{})[e[++a]]=l:o===6?r[1][e[++a]]+=l+"":o?(s=t.apply(l,en(t,l,n,["",null])),r.push(s),l[0]?e[0]|=2:(e[a-2]=0,e[a]=s)):r.push(l)}return r},Zt=new Map;function tn(t){var e=Zt.get(this);return e||(e=new Map,Zt.set(this,e)),(e=en(this,e.get(t)||(e.set(t,e=function(n){for(var r,s,a=1,o="",l="",g=[0],v=function($){a===1&&($||(o=o.replace(/^\s*\n\s*|\s*\n\s*$/g,"")))?g.push(0,$,o):a===3&&($||o)?(g.push(3,$,o),a=2):a===2&&o==="..."&&$?g.push(4,$,0):a===2&&o&&!$?g.push(5,0,!0,o):a>=5&&((o||!$&&a===5)&&(g.push(a,0,o,s),a=6),$&&(g.push(a,$,0,s),a=6)),o=""},_=0;_<n.length;_++){_&&(a===1&&v(),v(_));for(var k=0;k<n[_].length;k++)r=n[_][k],a===1?r==="<"?(v(),g=[g],a=3):o+=r:a===4?o==="--"&&r===">"?(a=1,o=""):o=r+o[0]:l?r===l?l="":o+=r:r==='"'||r==="'"?l=r:r===">"?(v(),a=1):a&&(r==="="?(a=5,s=o,o=""):r==="/"&&(a<5||n[_][k+1]===">")?(v(),a===3&&(g=g[0]),a=g,(g=g[0]).push(2,0,a),a=0):r===" "||r==="	"||r===`
`||r==="\r"?(v(),a=2):o+=r),a===3&&o==="!--"&&(a=4,g=g[0])}return v(),g}(t)),e),arguments,[])).length>1?e:e[0]}var f=tn.bind(L);var it=t=>f`
    <svg class="icon-svg" width="13" height="13" viewBox="0 0 16 16" aria-hidden="true" fill="none"
      stroke="currentColor" stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round">
      <path d=${t} />
    </svg>
  `,nn=()=>it("M2.5 3.5h11v7h-6l-3.5 3v-3h-1.5z"),rn=()=>it("M4 2.5v4.5a2 2 0 0 0 2 2h4M10 6.5l2.5 2.5-2.5 2.5M4 13.5v-2"),sn=()=>it("M3 8.5l3 3 7-7");var an=0;function on(t){an=t-Date.now()/1e3}function ln(){return Date.now()/1e3+an}function er({since:t}){let[,e]=b(0);return D(()=>{let n=setInterval(()=>e(r=>r+1),1e3);return()=>clearInterval(n)},[]),f`<span class="elapsed">${ke(ln()-t)}</span>`}function tr(t){let e=Qt[t.status];if(!e)return"";let n=t.status==="running"&&t.run_started_at!==null?ln()-t.run_started_at:t.age.created_age_seconds??0;return n>=e[1]?"stale-2":n>=e[0]?"stale-1":""}var q=null;function nr({w:t}){let e=Object.entries(t.kinds).map(([n,r])=>`${n.replaceAll("_"," ")} \xD7${r}`);return f`<span class=${`diag diag-${t.highest_severity}`} title=${`${t.highest_severity}: ${e.join(", ")}`}>⚠ ${e.length}</span>`}function rr({card:t,onOpen:e,selected:n,picking:r}){let s=t,a=s.link_counts.parents+s.link_counts.children,o=r.picked.has(s.id);return f`
    <article
      class=${`card status-${s.status} ${tr(s)} ${n?"selected":""} ${o?"picked":""} ${r.failed.has(s.id)?"failed":""}`}
      tabindex="0"
      draggable="true"
      data-id=${s.id}
      aria-label=${`${s.title}, ${V[s.status]}`}
      onClick=${l=>{l.shiftKey?r.range(s.id):l.ctrlKey||l.metaKey?r.toggle(s.id):e(s.id)}}
      onKeyDown=${l=>{l.target===l.currentTarget&&(l.key==="Enter"||l.key===" ")&&(l.preventDefault(),e(s.id))}}
      onDragStart=${l=>{q=s,l.dataTransfer?.setData("text/x-hermes-task",s.id),l.dataTransfer?.setData("text/plain",s.id),l.dataTransfer&&(l.dataTransfer.effectAllowed="move")}}
      onDragEnd=${()=>q=null}
    >
      <div class="card-top">
          <input type="checkbox" class="pick" checked=${o} title="Select for bulk actions"
            aria-label=${`Select ${s.id}`} onClick=${l=>{l.stopPropagation(),l.shiftKey?r.range(s.id):r.toggle(s.id)}} />
          <span class="card-id">${s.id}</span>
          ${s.warnings?f`<${nr} w=${s.warnings} />`:null}
          ${s.priority!==0?f`<span class="pill prio" title="priority">P${s.priority}</span>`:null}
          ${s.tenant?f`<span class="pill tenant" title="tenant">${s.tenant}</span>`:null}
        </div>
      <div class="card-title">${s.title}</div>
      <div class="card-meta">
          ${s.status==="running"?f`<span class="running" title="running"><span class="pulse"></span>${s.run_started_at!==null?f`<${er} since=${s.run_started_at} />`:"running"}</span>`:null}
          <span class=${s.assignee?"assignee":"assignee none"}>${s.assignee?`@${s.assignee}`:"unassigned"}</span>
          <span class="spacer"></span>
          ${a?f`<span class="meta-item" title=${`${s.link_counts.parents} parent(s), ${s.link_counts.children} child(ren)`}><${rn} />${a}</span>`:null}
          ${s.progress?f`<span class="meta-item" title="children done"><${sn} />${s.progress.done}/${s.progress.total}</span>`:null}
          ${s.comment_count?f`<span class="meta-item" title="comments"><${nn} />${s.comment_count}</span>`:null}
          <span class="meta-item age" title="age">${Yt(s.age.created_age_seconds)}</span>
        </div>
    </article>
  `}var ot=60,ve="(unassigned)";function lt(t){let e=new Map;for(let n of t){let r=n.assignee??ve;e.set(r,[...e.get(r)??[],n])}return[...e.entries()].sort(([n],[r])=>n===ve?1:r===ve?-1:n.localeCompare(r)).map(([n,r])=>({profile:n,cards:r}))}function sr({name:t,cards:e,onOpen:n,onMove:r,selected:s,picking:a,lanes:o}){let[l,g]=b(ot),v=e.map(p=>p.id),_=v.length>0&&v.every(p=>a.picked.has(p)),k=p=>f`
      <${rr} key=${p.id} card=${p} onOpen=${n} selected=${s===p.id}
        picking=${a} />
    `,[$,i]=b(""),[u,y]=b("");return f`
    <section
      class=${`column col-${t} ${$?`drop-${$}`:""}`}
      data-status=${t}
      onDragOver=${p=>{if(!q||q.status===t)return;let d=at(q.id,q.status,t);if(typeof d!="string"){i("no"),y(d.message);return}p.preventDefault(),i("ok")}}
      onDragLeave=${()=>{i(""),y("")}}
      onDrop=${p=>{p.preventDefault(),i(""),y(""),q&&q.status!==t&&r(q,t),q=null}}
    >
        <header class="column-head">
          <input type="checkbox" class="pick-column" checked=${_} disabled=${v.length===0} title="Select every task in this column" aria-label=${`Select every task in ${V[t]}`} onClick=${()=>a.column(v)} />
          <span class=${`dot dot-${t}`}></span>
          <h2>${V[t]}</h2>
          <span class="count">${e.length}</span>
        </header>
        ${$==="no"?f`<div class="drop-why" role="status">${u}</div>`:null}
        <div class="cards">
          ${o&&e.length?lt(e.slice(0,l)).map(p=>f`<section class="lane" key=${p.profile} data-profile=${p.profile}>
                <header class="lane-head">
                  <span class=${p.profile===ve?"lane-name none":"lane-name"}>${p.profile===ve?p.profile:`@${p.profile}`}</span>
                  <span class="count">${p.cards.length}</span>
                </header>
                ${p.cards.map(k)}
              </section>`):e.slice(0,l).map(k)}
          ${e.length>l?f`<button class="more" onClick=${()=>g(l+ot)}>Show ${Math.min(ot,e.length-l)} more of ${e.length-l}</button>`:null}
          ${e.length===0?f`<div class="empty">No tasks</div>`:null}
        </div>
      </section>
  `}function cn({columns:t,onOpen:e,onMove:n,selected:r,picking:s,lanes:a}){return f`<div class="board">
    ${t.map(o=>f`
        <${sr} key=${o.name} name=${o.name} cards=${o.tasks} onOpen=${e}
          onMove=${n} selected=${r} picking=${s}
          lanes=${a&&o.name==="running"} />
      `)}
  </div>`}function un(t){return Jt(t)}function dn({count:t,assignees:e,actions:n,busy:r}){let[s,a]=b(""),[o,l]=b(!1);return f`
    <div class="bulkbar" role="toolbar" aria-label="Bulk actions">
      <span class="bulk-count"><strong>${t}</strong> selected</span>
      <button class="ghost" disabled=${r} onClick=${n.ready}
        title="Move the selected tasks to Ready (blocked ones are unblocked; running ones are stopped)">→ Ready</button>
      <button class="ghost" disabled=${r} onClick=${n.complete}
        title="Mark the selected tasks done">Complete</button>
      <button class="ghost" disabled=${r} onClick=${n.archive}
        title="Archive the selected tasks">Archive</button>
      <span class="bulk-reassign">
        <select aria-label="Reassign to" value=${s} onChange=${g=>a(g.target.value)}>
            <option value="">Reassign to…</option>
            <option value="-">(unassign)</option>
            ${e.map(g=>f`<option value=${g}>@${g}</option>`)}
          </select>
        <label class="check"
          title="Release the claims of running tasks first (their workers are stopped)">
            <input type="checkbox" name="reclaim_first" checked=${o} onChange=${g=>l(g.target.checked)} /> Reclaim first</label>
        <button class="ghost" disabled=${r||!s} onClick=${()=>{n.reassign(s==="-"?null:s,o),a("")}}>Apply</button>
      </span>
      <span class="spacer"></span>
      <button class="link" onClick=${n.selectAllVisible}>Select all visible</button>
      <button class="link" onClick=${n.clear} title="Clear the selection (Esc)">Clear</button>
    </div>
  `}function _n({title:t,onClose:e,children:n}){let r=Q(null);return D(()=>{(r.current?.querySelector("input, textarea, select")??r.current?.querySelector("button[type=submit]"))?.focus();let a=o=>{o.key==="Escape"&&(o.stopPropagation(),e())};return addEventListener("keydown",a,!0),()=>removeEventListener("keydown",a,!0)},[]),f`
    <div class="backdrop" onClick=${s=>s.target===s.currentTarget&&e()}>
      <div class="modal" role="dialog" aria-modal="true" aria-label=${t} ref=${r}>
          <h2>${t}</h2>
          ${n}
        </div>
    </div>
  `}function pn({req:t,onClose:e}){let[n,r]=b("");return f`
    <${_n} title=${t.title} onClose=${e}>
      <form onSubmit=${s=>{s.preventDefault(),t.onConfirm(n),e()}}>
          <p>${t.text}</p>
          ${t.reason?f`<label>Reason<input name="reason" value=${n} onInput=${s=>r(s.target.value)} placeholder="what is needed to go on" /></label>`:null}
          <div class="actions">
            <button type="button" class="ghost" onClick=${e}>Cancel</button>
            <button type="submit" class="primary">${t.action}</button>
          </div>
        </form>
      <//>
  `}function fn({assignees:t,tenants:e,defaultTenant:n,onClose:r,onCreated:s}){let[a,o]=b(null),[l,g]=b(!1),[v,_]=b("scratch");return f`
    <${_n} title="New task" onClose=${r}>
      <form class="create" onSubmit=${async $=>{$.preventDefault();let i=new FormData($.target),u=p=>String(i.get(p)??"").trim(),y={title:u("title"),body:u("body")||null,assignee:u("assignee")||null,tenant:u("tenant")||null,priority:u("priority")?Number(u("priority")):0,triage:i.get("triage")==="on",workspace_kind:v,workspace_path:v==="dir"&&u("workspace_path")||null,parents:u("parents").split(/[\s,]+/).filter(Boolean),skills:u("skills")?u("skills").split(",").map(p=>p.trim()).filter(Boolean):null,idempotency_key:u("idempotency_key")||null,created_by:u("created_by")||null};if(u("max_runtime"))try{y.max_runtime_seconds=Xt("Max runtime",u("max_runtime"))}catch(p){if(!(p instanceof W))throw p;o(p.message);return}if(u("max_retries")&&(y.max_retries=Number(u("max_retries"))),!Number.isInteger(y.priority)){o("Priority must be a whole number");return}g(!0);try{let p=await N("POST","/tasks",y);s(p.task,p.warning??null),r()}catch(p){o(p instanceof j?p.message:String(p))}finally{g(!1)}}}>
          <label class="wide">Title<input name="title" required maxlength="500" placeholder="what needs doing" /></label>
          <label class="wide">Description <small>(markdown; the shell profile runs it as a script)</small>
            <textarea name="body" rows="5"></textarea></label>
          <label>Assignee<input name="assignee" list="assignee-list" placeholder="profile, e.g. shell" /></label>
          <datalist id="assignee-list">${t.map($=>f`<option value=${$} />`)}</datalist>
          <label>Priority<input name="priority" type="number" min="-1000" max="1000" step="1" value="0" /></label>
          <label>Parents<input name="parents" placeholder="t_1a2b3c4d, t_…" /></label>
          <label>Tenant<input name="tenant" list="tenant-list" value=${n} /></label>
          <datalist id="tenant-list">${e.map($=>f`<option value=${$} />`)}</datalist>
          <label>Workspace
            <select name="workspace_kind" value=${v} onChange=${$=>_($.target.value)}>
              <option value="scratch">scratch</option>
              <option value="worktree">worktree</option>
              <option value="dir">dir</option>
            </select></label>
          ${v==="dir"?f`<label>Directory<input name="workspace_path" required placeholder="/absolute/path" /></label>`:null}
          <label>Max runtime<input name="max_runtime" placeholder="30m" /></label>
          <label>Max retries<input name="max_retries" type="number" min="1" step="1" /></label>
          <label>Skills<input name="skills" placeholder="comma, separated" /></label>
          <label>Idempotency key<input name="idempotency_key" /></label>
          <label>Created by<input name="created_by" placeholder="dashboard" /></label>
          <label class="check"><input type="checkbox" name="triage" /> Park in triage</label>
          ${a?f`<div class="form-error wide" role="alert">${a}</div>`:null}
          <div class="actions wide">
            <button type="button" class="ghost" onClick=${r}>Cancel</button>
            <button type="submit" class="primary" disabled=${l}>Create task</button>
          </div>
        </form>
      <//>
  `}function hn(t){let e;try{e=new URL(t)}catch{return null}return e.protocol==="http:"||e.protocol==="https:"||e.protocol==="mailto:"?e.href:null}var mn={target:"_blank",rel:"noopener noreferrer nofollow"},ar=/[\s<>()]/,ir=`.,;:!?'"`,Oe=class{text;find;#t;#e;constructor(e,n){this.text=e,this.find=n,this.#t=-1,this.#e=-1}next(e){return e>=this.#t&&(this.#e===-1?this.#t!==-1:e<=this.#e)?this.#e===-1?-1:this.#e:(this.#t=e,this.#e=this.find(e),this.#e)}};function Le(t){return t===" "||t==="	"||t===`
`||t==="\r"||t==="\f"||t==="\v"}function ae(t,e=0){if(e>4)return[t];let n=t.length,r=p=>new Oe(t,d=>t.indexOf(p,d)),s=r("**"),a=r("~~"),o=r("*"),l=r("]"),g=r(")"),v=r(`
`),_=new Oe(t,p=>{for(let d=p;d<n;d++)if(Le(t[d]))return d;return-1}),k=new Map;for(let p=0;p<n;){if(t[p]!=="`"){p++;continue}let d=p;for(;d<n&&t[d]==="`";)d++;let h=k.get(d-p)??{starts:[],next:0};h.starts.push(p),k.set(d-p,h),p=d}let $=[],i=0,u=0,y=p=>{p>i&&$.push(t.slice(i,p))};for(;u<n;){let p=t[u];if(p==="`"){let d=u;for(;d<n&&t[d]==="`";)d++;let h=k.get(d-u);if(!h){u=d;continue}for(;h.next<h.starts.length&&h.starts[h.next]<=u;)h.next++;if(h.next<h.starts.length){let w=h.starts[h.next];y(u),$.push(L("code",null,t.slice(d,w))),u=w+(d-u),i=u}else u=d;continue}if(p==="*"&&t[u+1]==="*"){let d=s.next(u+2);if(d>u+2){y(u),$.push(L("strong",null,ae(t.slice(u+2,d),e+1))),u=d+2,i=u;continue}}if(p==="~"&&t[u+1]==="~"){let d=a.next(u+2);if(d>u+2){y(u),$.push(L("del",null,ae(t.slice(u+2,d),e+1))),u=d+2,i=u;continue}}if(p==="*"&&t[u+1]!==void 0&&t[u+1]!=="*"&&!Le(t[u+1])){let d=o.next(u+1);if(d>u&&!Le(t[d-1])){y(u),$.push(L("em",null,ae(t.slice(u+1,d),e+1))),u=d+1,i=u;continue}}if(p==="["){let d=l.next(u+1),h=v.next(u+1);if(d>u+1&&(h===-1||h>d)&&t[d+1]==="("){let w=g.next(d+2),S=_.next(d+2);if(w>d+2&&(S===-1||S>w)){let F=hn(t.slice(d+2,w));if(F){y(u),$.push(L("a",{href:F,...mn},ae(t.slice(u+1,d),e+1))),u=w+1,i=u;continue}}}}if(p==="h"&&(t.startsWith("http://",u)||t.startsWith("https://",u))){let d=u;for(;d<n&&!ar.test(t[d]);)d++;for(;d>u&&ir.includes(t[d-1]);)d--;let h=d>u?hn(t.slice(u,d)):null;if(h&&d>t.indexOf("//",u)+2){y(u),$.push(L("a",{href:h,...mn},t.slice(u,d))),u=d,i=u;continue}u=Math.max(u+1,d);continue}u++}return y(n),$}var $n=/^\s*(```|~~~)(.*)$/,gn=/^(#{1,6})\s+(.*)$/,ct=/^\s*[-*+]\s+(.*)$/,ut=/^\s*(\d{1,9})[.)]\s+(.*)$/,Ne=/^\s*>\s?(.*)$/;function kn(t){let e=t.replace(/\s/g,"");if(e.length<3||!"-*_".includes(e[0]))return!1;for(let n=1;n<e.length;n++)if(e[n]!==e[0])return!1;return!0}function or(t){let e=t.trimEnd(),n=e.length;for(;n>0&&e[n-1]==="#";)n--;return(n===0||Le(e[n-1]))&&(e=e.slice(0,n)),e.trimEnd()}function ye(t,e=0){let n=t.replace(/\r\n?/g,`
`).split(`
`),r=[],s=0;for(;s<n.length;){let a=n[s];if(a.trim()===""){s++;continue}let o=$n.exec(a);if(o){let _=[];for(s++;s<n.length&&!n[s].trimStart().startsWith(o[1]);)_.push(n[s++]);s++;let k=o[2].trim().split(/\s+/)[0];r.push(L("pre",k?{"data-lang":k}:null,L("code",null,_.join(`
`))));continue}let l=gn.exec(a);if(l){r.push(L(`h${Math.min(6,l[1].length+2)}`,null,ae(or(l[2])))),s++;continue}if(kn(a)){r.push(L("hr",null)),s++;continue}if(Ne.test(a)){let _=[];for(;s<n.length&&Ne.test(n[s]);)_.push(Ne.exec(n[s++])[1]);r.push(L("blockquote",null,e<3?ye(_.join(`
`),e+1):[_.join(`
`)]));continue}let g=ut.exec(a);if(ct.test(a)||g){let _=g?ut:ct,k=[];for(;s<n.length&&_.test(n[s]);){let i=_.exec(n[s++]),u=g?i[2]:i[1];for(;s<n.length&&/^\s{2,}\S/.test(n[s])&&!_.test(n[s]);)u+=" "+n[s++].trim();k.push(ae(u))}let $=g?Number(g[1]):1;r.push(L(g?"ol":"ul",g&&$!==1?{start:$}:null,k.map(i=>L("li",null,i))));continue}let v=[];for(;s<n.length&&n[s].trim()!==""&&!$n.test(n[s])&&!gn.test(n[s])&&!Ne.test(n[s])&&!ct.test(n[s])&&!ut.test(n[s])&&!kn(n[s]);)v.push(n[s++].trim());r.push(L("p",null,ae(v.join(" "))))}return r}function lr({taskId:t,run:e,version:n}){let[r,s]=b(null),a=Q(null);return D(()=>{N("GET",`/tasks/${t}/log?run=${e.id}&tail=65536`).then(s).catch(o=>s({content:String(o.message),exists:!1,truncated:!1}))},[t,e.id,n]),D(()=>{a.current&&(a.current.scrollTop=a.current.scrollHeight)},[r]),r?r.exists?f`<pre class="log" ref=${a}>${r.truncated?`\u2026
`:""}${r.content||"(empty)"}</pre>`:f`<div class="muted">No log for this run.</div>`:f`<div class="muted">Loading log…</div>`}function cr({taskId:t,run:e,version:n}){let[r,s]=b(e.ended_at===null),a=(e.ended_at??Date.now()/1e3)-e.started_at;return f`<li class="run">
    <div class="run-head">
      <span class=${`pill run-${e.status}`}>${e.status}</span>
      <span>#${e.id}</span>
      ${e.profile?f`<span class="muted">@${e.profile}</span>`:null}
      <span class="muted">${se(e.started_at)} · ${ke(a)}</span>
      ${e.exit_code!==null?f`<span class="muted">exit ${e.exit_code}</span>`:null}
      <span class="spacer"></span>
      <button class="link" onClick=${()=>s(!r)} aria-expanded=${r}>${r?"Hide log":"Show log"}</button>
    </div>
    ${e.summary?f`<div class="run-text">${e.summary}</div>`:null}
    ${e.error?f`<div class="run-text error-text">${e.error}</div>`:null}
    ${r?f`<${lr} taskId=${t} run=${e} version=${n} />`:null}
  </li>`}function vn({title:t,refs:e,onOpen:n}){return f`<div class="refs">
    <h3>${t}</h3>
    ${e.length===0?f`<div class="muted">None</div>`:f`<ul>${e.map(r=>f`<li><button class="ref" onClick=${()=>n(r.id)}>
            <span class=${`dot dot-${r.status}`}></span><span class="ref-title">${r.title}</span>
            <span class="muted">${r.id} · ${r.status}</span></button></li>`)}</ul>`}
  </div>`}function ur({task:t,version:e,onDone:n,onComment:r,onError:s}){let[a,o]=b([]),[l,g]=b("");if(D(()=>{let k=!0;return N("GET",`/diagnostics?task=${t.id}`).then($=>k&&o($.diagnostics[0]?.diagnostics??[])).catch(()=>k&&o([])),()=>{k=!1}},[t.id,e]),a.length===0)return null;let v=async(k,$,i)=>{try{await N(k,$,i),n()}catch(u){s(u instanceof j?u.message:String(u))}},_=(k,$,i)=>{let u=`ghost small ${$.suggested?"suggested":""}`;switch($.kind){case"reclaim":return f`<button key=${i} class=${u} onClick=${()=>v("POST",`/tasks/${t.id}/reclaim`,{reason:`reclaimed on the dashboard (${k.kind})`})}>${$.label}</button>`;case"unblock":return f`<button key=${i} class=${u} onClick=${()=>v("PATCH",`/tasks/${t.id}`,{status:"ready"})}>${$.label}</button>`;case"comment":return f`<button key=${i} class=${u} onClick=${r}>${$.label}</button>`;case"reassign":return f`<span key=${i} class="reassign">
          <input aria-label="Profile to reassign to" placeholder="profile" value=${l}
            onInput=${y=>g(y.target.value)} />
          <button class=${u} disabled=${!l.trim()} onClick=${()=>v("POST",`/tasks/${t.id}/reassign`,{profile:l.trim(),reclaim_first:!!$.payload.reclaim_first,reason:`reassigned on the dashboard (${k.kind})`})}>${$.label}</button></span>`;case"cli_hint":return f`<code key=${i} class="hint" title="Run this in a terminal">${String($.payload.command??$.label)}</code>`}};return f`
    <section class="diagnostics" aria-label="Diagnostics">
      <h3>Diagnostics <span class="count">${a.length}</span></h3>
      <ul>${a.map(k=>f`
          <li key=${k.kind} class=${`diagnostic sev-${k.severity}`}>
            <div class="diag-head"><span class=${`diag diag-${k.severity}`}>${k.severity}</span>
                    <strong>${k.title}</strong></div>
            <div class="diag-detail">${k.detail}</div>
            <div class="diag-actions">${k.actions.map(($,i)=>_(k,$,i))}</div>
          </li>
        `)}</ul>
    </section>
  `}function dr(t){let e=t.payload??{};return Object.entries(e).filter(([,r])=>r!==null&&r!==""&&!(Array.isArray(r)&&r.length===0)).map(([r,s])=>`${r}=${typeof s=="string"?s:JSON.stringify(s)}`).join(" ")}function yn({id:t,version:e,markdown:n,onClose:r,onOpen:s,onMove:a,onError:o}){let[l,g]=b(null),[v,_]=b(null),[k,$]=b(""),[i,u]=b(0),y=Q(null);D(()=>{let h=!0;return N("GET",`/tasks/${t}`).then(w=>{h&&(g(w),_(null))}).catch(w=>h&&_(w instanceof j?w.message:String(w))),()=>{h=!1}},[t,e,i]),D(()=>{y.current?.focus()},[t]);let p=async h=>{if(h.preventDefault(),!!k.trim())try{await N("POST",`/tasks/${t}/comments`,{body:k}),$("");let w=await N("GET",`/tasks/${t}`);g(w)}catch(w){o(w instanceof j?w.message:String(w))}},d=l?.task;return f`<aside class="drawer" tabindex="-1" ref=${y} aria-label="Task details">
    <div class="drawer-head">
      <span class="card-id">${t}</span>
      <span class="spacer"></span>
      <button class="icon" onClick=${r} aria-label="Close" title="Close (Esc)">✕</button>
    </div>
    ${v?f`<div class="banner error">${v}</div>`:null}
    ${d?f`
      <div class="drawer-body">
        <h1 class="task-title">${d.title}</h1>
        <div class="chips">
          <span class=${`pill status-pill st-${d.status}`}>${V[d.status]}</span>
          <span class="pill">${d.assignee?`@${d.assignee}`:"unassigned"}</span>
          ${d.priority?f`<span class="pill prio">P${d.priority}</span>`:null}
          ${d.tenant?f`<span class="pill tenant">${d.tenant}</span>`:null}
          ${d.skills.map(h=>f`<span class="pill">${h}</span>`)}
        </div>
        <div class="moves" role="group" aria-label="Move to">
          ${un(d.status).map(h=>f`<button class=${`move move-${h}`} onClick=${()=>a(d,h)}>${h==="archived"?"Archive":`\u2192 ${V[h]}`}</button>`)}
        </div>
        <${ur} task=${d} version=${e+i} onDone=${()=>u(h=>h+1)}
          onError=${o} onComment=${()=>y.current?.querySelector("textarea[name=comment]")?.focus()} />
        <section class="md">${d.body?n?ye(d.body):f`<pre class="plain">${d.body}</pre>`:f`<p class="muted">No description.</p>`}</section>
        ${d.result?f`
            <section>
              <h3>Result</h3>
              <div class="md">${ye(d.result)}</div>
            </section>
          `:null}
        ${d.last_failure_error?f`<div class="banner warning">Last failure (${d.consecutive_failures}): ${d.last_failure_error}</div>`:null}
        <dl class="details">
          <dt>Created</dt><dd>${se(d.created_at)}${d.created_by?` by ${d.created_by}`:""}</dd>
          <dt>Started</dt><dd>${se(d.started_at)}</dd>
          <dt>Completed</dt><dd>${se(d.completed_at)}</dd>
          <dt>Workspace</dt><dd>${d.workspace_kind}${d.workspace_path?`: ${d.workspace_path}`:""}</dd>
          <dt>Max runtime</dt><dd>${d.max_runtime_seconds===null?"default":ke(d.max_runtime_seconds)}</dd>
          <dt>Max retries</dt><dd>${d.max_retries??"default"}</dd>
        </dl>
        <div class="two">
          <${vn} title="Parents" refs=${l.parents} onOpen=${s} />
          <${vn} title="Children" refs=${l.children} onOpen=${s} />
        </div>
        <section>
          <h3>Comments <span class="count">${l.comments.length}</span></h3>
          <ul class="comments">
            ${l.comments.map(h=>f`
                <li>
                  <div class="comment-head"><strong>${h.author}</strong><span class="muted">${se(h.created_at)}</span></div>
                  <div class="md">${ye(h.body)}</div>
                </li>
              `)}
          </ul>
          <form class="comment-form" onSubmit=${p}>
            <textarea name="comment" rows="2" placeholder="Add a comment (markdown)" value=${k}
              onInput=${h=>$(h.target.value)}
              onKeyDown=${h=>{h.key==="Enter"&&(h.ctrlKey||h.metaKey)&&p(h)}}></textarea>
            <button type="submit" class="primary" disabled=${!k.trim()}>Comment</button>
          </form>
        </section>
        <section>
          <h3>Runs <span class="count">${l.runs.length}</span></h3>
          ${l.runs.length===0?f`<div class="muted">Not run yet.</div>`:f`<ul class="runs">${[...l.runs].reverse().map(h=>f`<${cr} key=${h.id} taskId=${d.id} run=${h} version=${e} />`)}</ul>`}
        </section>
        <section>
          <h3>Events</h3>
          <ol class="events">
            ${[...l.events].reverse().slice(0,50).map(h=>f`<li><span class="ev-kind">${h.kind}</span><span class="ev-text">${dr(h)}</span><span class="muted">${se(h.created_at)}</span></li>`)}
          </ol>
        </section>
      </div>
    `:v?null:f`<div class="muted pad">Loading…</div>`}
  </aside>`}var Pe=210,ue=52,dt=70,_t=18,bn=400;function _r(t,e){let n=new Map(t.map(i=>[i.id,i])),r=e.filter(i=>n.has(i.parent_id)&&n.has(i.child_id)),a=[...new Set(r.flatMap(i=>[i.parent_id,i.child_id]))].slice(0,bn),o=new Set(a),l=new Map;for(let i of r)!o.has(i.parent_id)||!o.has(i.child_id)||l.set(i.child_id,[...l.get(i.child_id)??[],i.parent_id]);let g=new Map,v=(i,u=0)=>{let y=g.get(i);if(y!==void 0)return y;if(u>bn)return 0;let p=l.get(i)??[],d=p.length?1+Math.max(...p.map(h=>v(h,u+1))):0;return g.set(i,d),d},_=[];for(let i of a)(_[v(i)]??=[]).push(i);let k=new Map;_.forEach((i,u)=>{i.sort((y,p)=>n.get(y).created_at-n.get(p).created_at),i.forEach((y,p)=>{k.set(y,{card:n.get(y),x:20+u*(Pe+dt),y:20+p*(ue+_t)})})});let $=Math.max(0,..._.map(i=>i.length));return{nodes:[...k.values()],edges:r.filter(i=>k.has(i.parent_id)&&k.has(i.child_id)).map(i=>[k.get(i.parent_id),k.get(i.child_id)]),width:40+_.length*(Pe+dt)-dt,height:40+$*(ue+_t)-_t}}function wn(t,e){return t.length>e?t.slice(0,e-1)+"\u2026":t}function xn({cards:t,version:e,onOpen:n}){let[r,s]=b(null);if(D(()=>{N("GET","/links").then(o=>s(o.links)).catch(()=>s([]))},[e]),!r)return f`<div class="muted pad">Loading…</div>`;let a=_r(t,r);return a.nodes.length===0?f`
      <div class="graph-empty">
        <p>No dependencies among these tasks yet.</p>
        <p
          class="muted">Give a task a parent (in the create form, or <code>hermes kanban link</code>) to see the graph.</p>
      </div>
    `:f`
    <div class="graph-wrap">
      <svg class="graph" width=${a.width} height=${a.height} viewBox=${`0 0 ${a.width} ${a.height}`} role="img"
        aria-label="Dependency graph">
          <defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" class="arrow" /></marker></defs>
          ${a.edges.map(([o,l])=>{let g=o.x+Pe,v=o.y+ue/2,_=l.x,k=l.y+ue/2,$=(g+_)/2;return f`<path class="edge" d=${`M ${g} ${v} C ${$} ${v}, ${$} ${k}, ${_-2} ${k}`} marker-end="url(#arrow)" />`})}
          ${a.nodes.map(o=>f`
              <g class=${`node st-${o.card.status}`} transform=${`translate(${o.x},${o.y})`} tabindex="0" role="button"
                aria-label=${o.card.title} onClick=${()=>n(o.card.id)}
                onKeyDown=${l=>l.key==="Enter"&&n(o.card.id)}>
                <rect width=${Pe} height=${ue} rx="10" />
                <rect class="bar" width="5" height=${ue} rx="2" />
                <text x="14" y="21" class="node-title">${wn(o.card.title,26)}</text>
                <text x="14" y="39" class="node-meta">${o.card.id} · ${o.card.status}${o.card.assignee?` \xB7 @${wn(o.card.assignee,12)}`:""}</text>
              </g>
            `)}
        </svg>
    </div>
  `}var pr=0;function Sn(){let t=/^#(t_[0-9a-f]{8})$/.exec(location.hash);return t?t[1]:null}function fr(t,e){if(e.attention&&!t.warnings||e.assignee==="-"&&t.assignee!==null||e.assignee&&e.assignee!=="-"&&t.assignee!==e.assignee||e.tenant&&t.tenant!==e.tenant)return!1;if(e.text){let n=e.text.toLowerCase();if(!`${t.id} ${t.title} ${t.assignee??""} ${t.body??""}`.toLowerCase().includes(n))return!1}return!0}function Cn(){let[t,e]=b(null),[n,r]=b(null),[s,a]=b("ok"),[o,l]=b(null),[g,v]=b([]),[_,k]=b(Sn()),[$,i]=b(0),[u,y]=b(0),[p,d]=b("board"),[h,w]=b(!1),[S,F]=b(null),[ee,z]=b("connecting"),[I,X]=b({assignee:"",tenant:"",text:"",attention:!1}),[B,G]=b(!0),[T,R]=b(new Set),[En,pt]=b(new Set),[ft,ht]=b(null),[Tn,mt]=b(!1),[Ue,$t]=b(!1),[gt,In]=b([]),kt=Q(null),Be=Q(_);Be.current=_;let H=Z((c,m,x)=>{let C={id:++pr,kind:c,text:m,group:x};v(O=>[...O.filter(U=>!x||U.group!==x).slice(-3),C]),c==="info"&&setTimeout(()=>v(O=>O.filter(U=>U.id!==C.id)),4e3)},[]),K=Z(async()=>{try{let c=await N("GET",`/board?include_archived=${Ue}`);on(c.now),e(c),l(null),y(m=>m+1)}catch(c){c instanceof j&&c.status===401?a("missing"):l(c instanceof Error?c.message:String(c))}},[Ue]);D(()=>{K()},[K]),D(()=>{N("GET","/config").then(c=>{r(c),c.default_tenant&&X(m=>({...m,tenant:m.tenant||c.default_tenant})),c.include_archived_by_default&&$t(!0),G(c.lane_by_profile)}).catch(()=>{}),N("GET","/boards").then(c=>In(c.boards.filter(m=>m.exists).map(m=>m.name))).catch(()=>{})},[]);let vt=t!==null;D(()=>{if(!vt||s!=="ok")return;let c,m=()=>{clearTimeout(c),c=setTimeout(K,120)},x=new EventSource(`${tt}${rt(`/events?since=${t.latest_event_id}`)}`);return x.onopen=()=>z("live"),x.onerror=()=>z(x.readyState===EventSource.CLOSED?"offline":"connecting"),x.onmessage=C=>{z("live"),JSON.parse(C.data).events.some(U=>U.task_id===Be.current)&&i(U=>U+1),m()},x.addEventListener("reset",m),()=>{clearTimeout(c),x.close()}},[vt,s,K]),D(()=>{let c=()=>k(Sn());return addEventListener("hashchange",c),()=>removeEventListener("hashchange",c)},[]);let ie=Z(c=>{k(c),history.replaceState(null,"",c?`#${c}`:location.pathname+location.search)},[]),He=Z(async(c,m,x="")=>{try{await N("PATCH",`/tasks/${c.id}`,{status:m,...m==="blocked"&&x?{block_reason:x}:{}}),H("info",`${c.id} moved to ${V[m]}`),i(C=>C+1),K()}catch(C){H("error",`Cannot move '${c.title}': ${C instanceof Error?C.message:C}`)}},[K,H]),be=Z(async(c,m)=>{let x=[...T];if(x.length!==0){mt(!0);try{let C=await N("POST","/tasks/bulk",{ids:x,...c}),O=C.results.filter(U=>!U.ok);if(pt(new Set(O.map(U=>U.id))),O.length){let U=O.some(oe=>oe.code==="running")&&"assignee"in c;H("error",`${m}: ${O.length} of ${C.results.length} refused \u2014 `+O.slice(0,3).map(oe=>`${oe.id}: ${oe.error}`).join("; ")+(O.length>3?"; \u2026":"")+(U?" Tick 'Reclaim first' to release running tasks and reassign them.":""),"bulk"),R(new Set(O.map(oe=>oe.id)))}else H("info",`${m}: ${C.results.length} task(s)`,"bulk"),R(new Set);i(U=>U+1),K()}catch(C){H("error",`${m}: ${C instanceof Error?C.message:C}`,"bulk")}finally{mt(!1)}}},[T,K,H]),de=Z(c=>{let m=T.size;if(c==="done"||c==="archived"){F({title:c==="done"?`Complete ${m} task(s)?`:`Archive ${m} task(s)?`,text:c==="done"?`Mark ${m} selected task(s) done. Running workers are stopped; children whose parents are all done become ready.`:`Archive ${m} selected task(s). Running workers are stopped.`,action:c==="done"?"Complete":"Archive",onConfirm:()=>be(c==="done"?{status:"done"}:{archive:!0},c==="done"?"Completed":"Archived")});return}be({status:c},`Moved to ${V[c]}`)},[T,be]),yt=Z((c,m)=>{if(T.has(c.id)&&T.size>1&&m!=="blocked"){de(m);return}if(m==="done"||m==="archived"||m==="blocked"){F({title:m==="done"?"Complete task?":m==="archived"?"Archive task?":"Block task?",text:m==="done"?`Mark '${c.title}' as done. Its children whose parents are all done become ready.`:m==="archived"?`Archive '${c.title}'. A running worker is stopped.`:`Block '${c.title}' until someone unblocks it. A running worker is stopped.`,action:m==="done"?"Complete":m==="archived"?"Archive":"Block",reason:m==="blocked",onConfirm:x=>He(c,m,x)});return}He(c,m)},[He,T,de]),Rn=async()=>{try{let c=await N("POST","/dispatch?max=8"),m=Array.isArray(c.spawned)?c.spawned.length:c.spawned??0;H("info",`Dispatcher ran: ${m} spawned`)}catch(c){H("error",c instanceof Error?c.message:String(c))}};D(()=>{let c=m=>{let x=m.target,C=["INPUT","TEXTAREA","SELECT"].includes(x.tagName);if(m.key==="Escape"&&!h&&!S){C?x.blur():Be.current?ie(null):R(new Set);return}C||m.ctrlKey||m.metaKey||m.altKey||h||S||(m.key==="n"?(m.preventDefault(),w(!0)):m.key==="/"?(m.preventDefault(),kt.current?.focus()):m.key==="g"&&d(O=>O==="board"?"graph":"board"))};return addEventListener("keydown",c),()=>removeEventListener("keydown",c)},[h,S,ie]);let _e=le(()=>t?t.columns.map(c=>({name:c.name,tasks:c.tasks.filter(m=>fr(m,I))})):[],[t,I]),we=le(()=>_e.flatMap(c=>c.tasks),[_e]),xe=le(()=>_e.flatMap(c=>B&&c.name==="running"?lt(c.tasks).flatMap(m=>m.cards):c.tasks).map(c=>c.id),[_e,B]);D(()=>{if(!t)return;let c=new Set(t.columns.flatMap(m=>m.tasks.map(x=>x.id)));R(m=>[...m].every(x=>c.has(x))?m:new Set([...m].filter(x=>c.has(x))))},[t]);let An={picked:T,failed:En,toggle(c){let m=new Set(T);m.has(c)?m.delete(c):m.add(c),R(m),ht(c)},range(c){let m=ft===null?-1:xe.indexOf(ft),x=xe.indexOf(c),C=new Set(T);if(m<0||x<0)C.add(c);else for(let O of xe.slice(Math.min(m,x),Math.max(m,x)+1))C.add(O);R(C),ht(c)},column(c){let m=new Set(T),x=c.length>0&&c.every(C=>m.has(C));for(let C of c)x?m.delete(C):m.add(C);R(m)}},Mn={ready:()=>de("ready"),complete:()=>de("done"),archive:()=>de("archived"),reassign:(c,m)=>be({assignee:c??"",...m?{reclaim_first:!0}:{}},c?`Reassigned to @${c}`:"Unassigned"),selectAllVisible:()=>R(new Set(xe)),clear:()=>{R(new Set),pt(new Set)}},bt=we.filter(c=>c.warnings).length;if(s==="missing")return f`
      <div class="auth">
        <h1>hermes</h1>
        <p>This board needs its access token.</p>
        <p>Open the address that <code>hermes gateway start</code> or <code>hermes gateway status</code> prints — it ends in <code>?token=…</code>.</p>
      </div>
    `;let je=t?t.columns.reduce((c,m)=>c+m.tasks.length,0):0,wt=n&&!n.dispatcher.running;return f`<div class=${`app ${_?"with-drawer":""}`}>
    <header class="topbar">
      <div class="brand"><span class="logo" aria-hidden="true"></span>hermes</div>
      ${gt.length>1?f`
        <select class="board-pick" aria-label="Board" value=${nt()||"default"}
          onChange=${c=>{let m=c.target.value;location.search=m==="default"?"":`?board=${encodeURIComponent(m)}`}}>${gt.map(c=>f`<option value=${c}>${c}</option>`)}</select>
      `:f`<span class="board-name">${t?.board??""}</span>`}
      <span class=${`live live-${ee}`} title=${ee==="live"?"Live updates on":"Reconnecting\u2026"}>
        <span class="live-dot"></span>${ee==="live"?"Live":ee==="connecting"?"Connecting":"Offline"}
      </span>
      ${n?f`<span class=${`disp ${wt?"off":"on"}`} title=${n.dispatcher.message||"dispatcher running"}>
          Dispatcher ${wt?"off":"on"}</span>`:null}
      <span class="spacer"></span>
      <div class="view-toggle" role="tablist">
        <button role="tab" aria-selected=${p==="board"} class=${p==="board"?"on":""} onClick=${()=>d("board")}>Board</button>
        <button role="tab" aria-selected=${p==="graph"} class=${p==="graph"?"on":""} onClick=${()=>d("graph")}>Graph</button>
      </div>
      <button class="ghost" onClick=${Rn} title="Run the dispatcher once now">Nudge dispatcher</button>
      <button class="primary" onClick=${()=>w(!0)} title="New task (n)">+ New task</button>
    </header>
    <div class="filters">
      <input ref=${kt} class="search" type="search" placeholder="Filter by text  ( / )" value=${I.text}
        aria-label="Filter by text" onInput=${c=>X({...I,text:c.target.value})} />
      <select aria-label="Assignee" value=${I.assignee} onChange=${c=>X({...I,assignee:c.target.value})}>
        <option value="">All assignees</option>
        <option value="-">Unassigned</option>
        ${(t?.assignees??[]).map(c=>f`<option value=${c}>@${c}</option>`)}
      </select>
      <select aria-label="Tenant" value=${I.tenant} onChange=${c=>X({...I,tenant:c.target.value})}>
        <option value="">All tenants</option>
        ${(t?.tenants??[]).map(c=>f`<option value=${c}>${c}</option>`)}
      </select>
      <label class="check"><input type="checkbox" checked=${Ue} onChange=${c=>$t(c.target.checked)} /> Archived</label>
      <label class="check" title="Split the In progress column into a lane per profile"><input type="checkbox" name="lanes" checked=${B} onChange=${c=>G(c.target.checked)} /> Lanes by profile</label>
      ${bt||I.attention?f`
        <button class=${`attention ${I.attention?"on":""}`} aria-pressed=${I.attention}
          title="Tasks with diagnostics (hermes kanban diagnostics): show only them"
          onClick=${()=>X({...I,attention:!I.attention})}>⚠ ${bt} need attention</button>
      `:null}
      <span class="spacer"></span>
      <span class="muted">${we.length===je?`${je} tasks`:`${we.length} of ${je} tasks`}</span>
    </div>
    <div class="banners" aria-live="polite">
      ${o?f`<div class="banner error">Cannot load the board: ${o}</div>`:null}
      ${g.map(c=>f`
        <div key=${c.id} class=${`banner ${c.kind}`} role=${c.kind==="error"?"alert":"status"}>
          <span>${c.text}</span>
          <button class="icon" aria-label="Dismiss" onClick=${()=>v(m=>m.filter(x=>x.id!==c.id))}>✕</button>
        </div>
      `)}
    </div>
    ${T.size?f`
        <${dn} count=${T.size} assignees=${t?.assignees??[]}
          actions=${Mn} busy=${Tn} />
      `:null}
    <main class="main">
      ${t?p==="board"?f`
        <${cn} columns=${_e} onOpen=${ie} onMove=${yt} selected=${_}
          picking=${An} lanes=${B} />
      `:f`<${xn} cards=${we} version=${u} onOpen=${ie} />`:f`<div class="muted pad">Loading…</div>`}
      ${_?f`
        <${yn} id=${_} version=${$} markdown=${n?.render_markdown??!0}
          onClose=${()=>ie(null)} onOpen=${ie} onMove=${yt} onError=${c=>H("error",c)} />
      `:null}
    </main>
    ${h?f`
        <${fn} assignees=${t?.assignees??[]} tenants=${t?.tenants??[]}
          defaultTenant=${I.tenant} onClose=${()=>w(!1)}
          onCreated=${(c,m)=>{m?H("warning",`Task created, but: ${m}`):H("info",`Created ${c.id}`),K()}} />
      `:null}
    ${S?f`<${pn} req=${S} onClose=${()=>F(null)} />`:null}
  </div>`}Lt(f`<${Cn} />`,document.getElementById("app"));
