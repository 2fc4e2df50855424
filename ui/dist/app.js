var x,at,on,W,Me,$e,it,fe,lt,De,Ae,an,oe=Symbol.for("pv"),ge={},ve=[],ln=/^m(i|n|o|s|text|space)$/,Ne=Array.isArray,Le=ve.slice,Y=Object.assign;function K(t){t&&t.parentNode&&t.remove()}function A(t,e,n){var r,o,s,a={},l=arguments.length;for(s in e)s=="key"?r=e[s]:s=="ref"&&typeof t!="function"?o=e[s]:a[s]=e[s];return l>2&&(a.children=l>3?Le.call(arguments,2):n),se(t,a,r,o,null)}function se(t,e,n,r,o){var s={type:t,props:e,key:n,ref:r,__k:null,__:null,__b:0,__e:null,__c:null,constructor:oe,__v:o||++at,__i:-1,__u:0};return!o&&x.vnode&&x.vnode(s),s}function ye(t){return t.children}function he(t,e){this.props=t,this.context=e,this.__g=0}function F(t,e){if(e==null)return t.__&&F(t.__,t.__i+1);for(var n;e<t.__k.length;e++)if((n=t.__k[e])&&n.__e)return n.__e;return typeof t.type!="function"||t.props.__P?null:F(t)}function cn(t){var e,n=t.__v,r=n.__e,o=[],s=[],a=t.__P;a&&((e=Y({constructor:oe},n)).__v=n.__v+1,x.vnode&&x.vnode(e),Ie(a,e,n,t.__n,a.namespaceURI,32&n.__u?[r]:null,o,r||F(n),32&n.__u,s),e.__v=n.__v,e.__.__k[e.__i]=e,ft(o,e,s),n.__=n.__e=null,e.__e!=r&&ct(e))}function ct(t){if((t=t.__)&&t.__c&&!t.props.__P)return t.__e=null,t.__k.some(function(e){return e&&(t.__e=e.__e)}),ct(t)}function st(t){(8&t.__g||(t.__g|=8,W.push(t),$e++))&&Me==x.debounceRendering||((Me=x.debounceRendering)||queueMicrotask)(ut)}function ut(){try{for(var t,e=1;W.length;)W.length>e&&W.sort(it),t=W.shift(),e=W.length,8&t.__g&&cn(t)}finally{($e=W.length)&&(Me||queueMicrotask)(ut)}}function dt(t,e,n,r,o,s,a,l,p,v,c){var $,h,i,m,f,u,y=r.__k||ve,b=e.length;for(p=un(n,e,y,p,b),$=0;$<b;$++)(i=n.__k[$])!=null&&(h=~i.__i&&y[i.__i]||ge,i.__i=$,u=Ie(t,i,h,o,s,a,l,p,v,c),m=i.__e,(h.ref!=i.ref||8&h.__u)&&(h.ref&&Pe(h.ref,null,i,h),i.ref&&c.push(i.ref,i.__c||m,i)),f=f||m,4&i.__u?(p=_t(i,p,t,!h.__v),h.__e&&(h.__e=null)):typeof i.type=="function"&&u!==void 0?p=u:m&&(p=m.nextSibling),i.__u&=-21);return n.__e=f,p}function un(t,e,n,r,o){var s,a,l,p,v,c,$,h,i,m=n.length,f=m,u=0,y=0,b=t.__k=Array(o);for(s=0;s<o;s++)(a=e[s])!=null&&typeof a!="boolean"&&typeof a!="function"?(typeof a!="object"||a.constructor===String?a=b[s]=se(null,a):Ne(a)?a=b[s]=se(ye,{children:a}):a.constructor===oe&&a.__b?a=b[s]=se(a.type,a.props,a.key,a.ref,a.__v):b[s]=a,p=s+u,a.__=t,a.__b=t.__b+1,l=null,~(v=a.__i=dn(a,n,p,f))&&(f--,(l=n[v])&&(l.__u|=2)),l&&l.__v?(a.__u|=16,v==p-1?u--:v==p+1?u++:v!=p&&(v>p?u--:u++,y=1)):(~v||(o>m?u--:o<m&&u++),typeof a.type!="function"&&(a.__u|=4))):b[s]=null;if(y){for(c=[],$=[],s=0;s<o;s++)if((a=b[s])&&16&a.__u){for(u=0,h=c.length;u<h;)c[i=u+h>>1]<a.__i?u=i+1:h=i;c[u]=a.__i,$[s]=u+1}for(u=c.length;s--;)$[s]&&($[s]==u?u--:b[s].__u|=4)}if(f)for(s=0;s<m;s++)!(l=n[s])||2&l.__u||(l.__e==r&&(r=F(l)),Ue(l,l));return r}function _t(t,e,n,r){var o,s,a,l;if(typeof t.type=="function"){if(t.props.__P)return e;if(o=t.__k)for(s=0;s<o.length;s++)o[s]&&(o[s].__=t,e=_t(o[s],e,n,!1));return e}for(e&&!e.parentNode&&(e=F(t))&&!e.parentNode&&(e=null),a=t.__e,l=e;l&&l.nodeType==8;)l=l.nextSibling;for(a!=l&&(!r&&n.moveBefore&&a.parentNode?n.moveBefore(a,e):n.insertBefore(a,e||null)),e=a;(e=e&&e.nextSibling)&&e.nodeType==8&&!e.data.startsWith("$s"););return e}function dn(t,e,n,r){var o,s=t.key,a=t.type,l=e[n],p=l&&!(2&l.__u);if(l===null&&s==null||p&&s==l.key&&a==l.type)return n;if(r>(p?1:0)){for(o=n-1;o>=0;o--)if((l=e[o])&&!(2&l.__u)&&s==l.key&&a==l.type)return o;for(o=n+1;o<e.length;o++)if((l=e[o])&&!(2&l.__u)&&s==l.key&&a==l.type)return o}return-1}function ot(t,e,n){n==null&&(n=""),e[0]=="-"?t.setProperty(e,n):t[e]=n}function pe(t,e,n,r,o){var s,a;if(e=="style")if(typeof n=="string")t.style.cssText=n;else{if(typeof r=="string"&&(t.style.cssText=r=""),r)for(e in r)n&&e in n||ot(t.style,e);if(n)for(e in n)r&&n[e]==r[e]||ot(t.style,e,n[e])}else if(e[0]=="o"&&e[1]=="n")typeof n!="function"&&(n=null),typeof r!="function"&&(r=null),(t.__e||(t.__e={}))[e]=n,n&&r||(a=Ae[e]||(Ae[e]=_n(e)),(t.__a||(t.__a={}))[e]=De,s=e!=(e=e.replace(lt,"$1")),(e=e.slice(2))[0]<"a"&&(e=e.toLowerCase()),n?t.addEventListener(e,a,s):t.removeEventListener(e,a,s));else{if(o=="http://www.w3.org/2000/svg")e=e.replace(/xlink(H|:h)/,"h").replace(/sName$/,"s");else if(e!="width"&&e!="height"&&e!="href"&&e!="list"&&e!="form"&&e!="tabIndex"&&e!="download"&&e!="rowSpan"&&e!="colSpan"&&e!="role"&&e!="popover"&&e in t)try{return void(t[e]=n??"")}catch{}if(typeof n=="function")return;n==null||n===!1&&e[4]!="-"?t.removeAttribute(e):t.setAttribute(e,e=="popover"&&n==1?"":n)}}function _n(t){return function(e){var n=this.__e;if(n){if(n=n[t],e[fe]==null)e[fe]=De++;else if(e[fe]<this.__a[t])return;return n(x.event?x.event(e):e)}}}function Ie(t,e,n,r,o,s,a,l,p,v){var c,$,h,i,m,f,u,y,b,S,w,ee,z,H,M,X,P,R,U=e.type;if(e.constructor!==oe)return null;128&n.__u&&(p=32&n.__u,c=n.__c.__z)&&(e.__u|=p,$=s=[],c.nodeType==8?l=me(c,s):s.push(c),l=s[0]||l),(c=x.__b)&&c(e);e:if(typeof U=="function"){h=a.length;try{if(y=e.props,b=(c=U.prototype)&&c.render,S=(c=U.contextType)&&r[c.__c],w=c?S?S.props.value:c.__:r,(i=n.__c)?(e.__c=i,2&i.__g&&(i.__g|=1)):(b?e.__c=i=new U(y,w):(e.__c=i=new he(y,w),i.constructor=U,i.render=fn),S&&S.sub(i),i.state||(i.state={}),i.__n=r,i.__g|=8,i.__h=[],i.__k=[]),b&&(i.__s||(i.__s=i.state),U.getDerivedStateFromProps&&(i.__s==i.state&&(i.__s=Y({},i.__s)),Y(i.__s,U.getDerivedStateFromProps(y,i.__s)))),m=i.props,f=i.state,i.__v=e,n.__c){if(y!==m&&b&&!U.getDerivedStateFromProps&&i.componentWillReceiveProps&&i.componentWillReceiveProps(y,w),e.__v==n.__v&&!(8&i.__g)||!(4&i.__g)&&i.shouldComponentUpdate&&i.shouldComponentUpdate(y,i.__s,w)===!1){e.__v!=n.__v&&(i.props=y,i.state=i.__s,i.__g&=-9),e.__e=n.__e,e.__k=n.__k,e.__k.some(function(L){L&&(L.__=e)}),ve.push.apply(i.__h,i.__k),i.__k=[],i.__h.length&&a.push(i),l=F(n);break e}i.componentWillUpdate&&i.componentWillUpdate(y,i.__s,w),b&&i.componentDidUpdate&&i.__h.push(function(){i.componentDidUpdate(m,f,u)})}else b&&!U.getDerivedStateFromProps&&i.componentWillMount&&i.componentWillMount(),b&&i.componentDidMount&&i.__h.push(i.componentDidMount);i.context=w,i.props=y,i.__P=t,i.__g&=-5,ee=x.__r,z=b?25:0;do i.__g&=-9,ee&&ee(e),c=i.render(i.props,i.state=i.__s,i.context);while(8&i.__g&&++z<25);b&&(ve.push.apply(i.__h,i.__k),i.__k=[]),i.state=i.__s,i.getChildContext&&(r=Y({},r,i.getChildContext())),b&&n.__c&&i.getSnapshotBeforeUpdate&&(u=i.getSnapshotBeforeUpdate(m,f)),H=c&&c.type===ye&&c.key==null?c.props.children:c,y.__P&&(c=l,o=(t=y.__P).namespaceURI,p=s=null,n.props&&n.props.__P!=t&&(n.__k.some(function(L){L&&Ue(L,L)}),n.__k=null),l=n.__k?F(n,0):null),l=dt(t,Ne(H)?H:[H],e,n,r,o,s,a,l,p,v),y.__P&&(e.__e=null,l=c),e.__u&=-161,$&&$.some(K),i.__h.length&&a.push(i),1&i.__g&&(i.__g&=-4)}catch(L){if(a.length=h,e.__v=null,p||s)if(L&&L.then){if(e.__u|=128|p,s){for(~(P=s.indexOf(l||void 0))||(P=s.length);(R=s[P-1])&&R.nodeType==8;)P--;for(;P<s.length;P++)if(R=s[P])if(s[P]=null,M){if(R==X)break}else{if(R.nodeType!=8)break;R.data.startsWith("$s")&&(X=me(M=R))}}if(!M){for(;l&&l.nodeType==8&&l.nextSibling;)l=l.nextSibling;M=l}(c=me(M=e.__c.__z||(e.__c.__z=M)))?(e.__e=M,l=c):e.__e=l,l=l&&l.nextSibling}else s&&s.some(K);else e.__e=n.__e;e.__k||(e.__k=n.__k||[]),L&&L.then||pt(e),x.__e(L,e,n)}}else l=e.__e=pn(n.__e,e,n,r,o,s,a,p,v,t);return(c=x.diffed)&&c(e),l}function me(t,e){if(t&&t.nodeType==8&&t.data.startsWith("$s"))for(var n=1;t=t.nextSibling;){if(t.nodeType==8){if(t.data.startsWith("$s"))n++;else if(t.data.startsWith("/$s")&&!--n)return t}e&&e.push(t)}}function pt(t){t&&(t.__c&&(t.__c.__g|=4),t.__k&&t.__k.some(pt))}function ft(t,e,n){for(var r=0;r<n.length;)Pe(n[r++],n[r++],n[r++]);x.__c&&x.__c(e,t),t.some(function(o){try{t=o.__h,o.__h=[],t.some(function(s){s.call(o)})}catch(s){x.__e(s,o.__v)}})}function pn(t,e,n,r,o,s,a,l,p,v){var c,$,h,i,m,f,u,y,b=n.props||ge,S=e.props,w=e.type;if(w=="svg"?o="http://www.w3.org/2000/svg":w=="math"?o="http://www.w3.org/1998/Math/MathML":o||(o="http://www.w3.org/1999/xhtml"),s){for(c=0;c<s.length;c++)if((m=s[c])&&(w?m.localName==w:m.nodeType==3)){t=m,s[c]=null;break}}if(!t){if(y=v.ownerDocument||document,!w)return y.createTextNode(S);t=y.createElementNS(o,w,S.is?S:v),l&&(x.__m&&x.__m(e,s),l=!1),s=null}if(w){if(v=w=="template"&&t.content||t,s=w=="textarea"&&S.defaultValue!=null?null:s&&Le.call(v.childNodes),!l&&s)for(b={},c=0;c<t.attributes.length;c++)b[(m=t.attributes[c]).name]=m.value;for(c in b)m=b[c],c=="dangerouslySetInnerHTML"?h=m:c=="children"||c in S||c=="value"&&"defaultValue"in S||c=="checked"&&"defaultChecked"in S||pe(t,c,null,m,o);for(c in S)m=S[c],c=="children"?i=m:c=="dangerouslySetInnerHTML"?$=m:c=="value"?f=m:c=="checked"?u=m:l&&typeof m!="function"||b[c]===m||pe(t,c,m,b[c],o);$?(l||h&&($.__html==h.__html||$.__html==t.innerHTML)||(t.innerHTML=$.__html),e.__k=[]):(h&&(t.textContent=""),(w=="foreignObject"||o=="http://www.w3.org/1998/Math/MathML"&&ln.test(w))&&(o="http://www.w3.org/1999/xhtml"),dt(v,Ne(i)?i:[i],e,n,r,o,s,a,s?s[0]:n.__k&&F(n,0),l,p),s&&s.some(K)),l&&w!="textarea"||(c="value",w=="progress"&&f==null?t.removeAttribute(c):f==null||f===t[c]&&(w!="progress"||f)||pe(t,c,f,b[c],o),c="checked",u!=null&&u!=t[c]&&pe(t,c,u,b[c],o))}else b===S||l&&t.data==S||(t.data=S);return t}function Pe(t,e,n,r){try{typeof t=="function"?e?e.__x=t(e)||1:r&&(r=r.__c||r.__e)&&(e=r.__x)&&(r.__x=null,typeof e=="function"?e():t(null)):t.current=e}catch(o){x.__e(o,n)}}function Ue(t,e,n){var r,o,s,a;if(x.unmount&&x.unmount(t),!(r=t.ref)||r.current&&r.current!=t.__e||Pe(r,null,e,t),r=t.__c){if(r.componentWillUnmount)try{r.componentWillUnmount()}catch(l){x.__e(l,e)}r.__P=r.__n=null}if(r=t.__k)for(a=0;a<r.length;a++)r[a]&&Ue(r[a],e,typeof t.type!="function"||n&&!t.props.__P);!n&&(r=t.__c)&&(r=r.__z)&&(o=me(r,s=[]))&&(r==t.__e&&s.some(K),K(o),K(r)),n||K(t.__e),t.__e=t.__c=t.__=null}function fn(t,e,n){return this.constructor(t,n)}function ht(t,e){var n,r,o,s;x.__&&x.__(t,e),e.nodeType==9&&(e=e.documentElement),r=(n=t&&32&t.__u)?null:e.__k,e.__k=se(ye,{children:[t]}),o=[],s=[],Ie(e,e.__k,r||ge,ge,e.namespaceURI,r?null:e.firstChild?Le.call(e.childNodes):null,o,r?r.__e:e.firstChild,n,s),ft(o,e.__k,s),e.__k.props.children=null}x={__e:function(t,e,n,r){for(var o,s,a;e=e.__;)if((o=e.__c)&&!(1&o.__g)){o.__g|=4;try{if((a=(s=o.constructor)&&s.getDerivedStateFromError)&&o.setState(s.getDerivedStateFromError(t)),o.componentDidCatch&&(o.componentDidCatch(t,r||{}),a=1),a&&8&o.__g)return void(o.__g|=2)}catch(l){t=l}}throw $e=0,t}},at=0,on=function(t){return t!=null&&t.constructor===oe},he.prototype.setState=function(t,e){var n=this.__s;n&&n!=this.state||(n=this.__s=Y({},this.state)),typeof t=="function"&&(t=t(Y({},n),this.props)),t&&(Y(n,t),this.__v&&(e&&this.__k.push(e),st(this)))},he.prototype.forceUpdate=function(t){this.__v&&(this.__g|=4,t&&this.__h.push(t),st(this))},he.prototype.render=ye,W=[],$e=0,it=function(t,e){return t.__v.__b-e.__v.__b},fe=Symbol(),lt=/(PointerCapture)$|Capture$/i,De=0,Ae={},an=0;var ie,E,Oe,mt,Re=Object.is,le=0,St=[],Be=[],C=x,$t=C.__b,gt=C.__r,vt=C.diffed,yt=C.__c,bt=C.unmount,kt=C.__;function je(t,e){C.__h&&C.__h(E,t,le||e),le=0;var n=E.__H||(E.__H={__:[],__h:[]});return t>=n.__.length&&n.__.push({}),n.__[t]}function k(t){return le=1,hn(Tt,t)}function hn(t,e,n){var r=je(ie++,2);if(r.t=t,!r.__c&&(r.__=[n?n(e):Tt(void 0,e),function(s){var a=(r.__N||r.__)[0],l=r.t(a,s);Re(a,l)||(r.__N=[l,r.__[1]],r.__c.setState({}))}],r.__c=E,!E.__f)){E.__f=!0;var o=E.shouldComponentUpdate;E.shouldComponentUpdate=function(s,a,l){var p=this.__H;if(!p)return!0;var v=!1,c=this.props!=s;if(p.__.some(function(h){h.__N&&(v=!0,Re(h.__[0],h.__N[0])||(c=!0))}),o){var $=o.call(this,s,a,l);return v?$||c:$}return!v||c}}return r.__}function D(t,e){var n=je(ie++,3);!C.__s&&Ct(n.__H,e)&&(n.__P=!0,n.__=t,n.u=e,E.__H.__h.push(n))}function V(t){return le=5,ce(function(){return{current:t}},[])}function ce(t,e){var n=je(ie++,7);return Ct(n.__H,e)&&(n.__=t(),n.__H=e),n.__}function ne(t,e){return le=8,ce(function(){return t},e)}function mn(){var t;do{for(;t=Be.shift();)try{ae(t)}catch(n){C.__e(n,{__:(t=t.__P)&&t.__v})}for(;t=St.shift();){var e=t.__H;if(t.__P&&e)try{e.__h.some(ae),e.__h.some(He),e.__h=[]}catch(n){e.__h=[],C.__e(n,t.__v)}}}while(Be.length)}C.__b=function(t){E=null,$t&&$t(t)},C.__=function(t,e){t&&e.__k&&e.__k.__m&&(t.__m=e.__k.__m),kt&&kt(t,e)},C.__r=function(t){gt&&gt(t),ie=0;var e=(E=t.__c).__H;e&&(Oe==E?E.__h=[]:(e.__h.some(ae),e.__h.some(He),ie=0),e.__h=[],e.__.some(function(n){n.__N&&(n.__=n.__N),n.u=n.__N=void 0})),Oe=E},C.diffed=function(t){vt&&vt(t);var e=t.__c;e&&e.__H&&(e.__H.__h.length&&xt(St.push(e)),e.__H.__.some(function(n){n.u&&(n.__H=n.u)})),Oe=E=null},C.__c=function(t,e){e.some(function(n){try{n.__h.some(ae),n.__h=n.__h.filter(function(r){return!r.__||He(r)})}catch(r){n.__h=[function(){throw r}]}}),yt&&yt(t,e)},C.unmount=function(t){bt&&bt(t);var e,n,r=t.__c;r&&r.__H&&(r.__H.__.some(function(o){try{if(o.__P&&o.__c){if(n===void 0){for(n=t.__;n&&(!n.__c||!n.__c.__P);)n=n.__;n=n&&n.__c}o.__P=n,xt(Be.push(o))}else ae(o)}catch(s){e=s}}),r.__H=void 0,e&&C.__e(e,r.__v))};var wt=typeof requestAnimationFrame=="function";function $n(t){var e,n=function(){clearTimeout(r),wt&&cancelAnimationFrame(e),setTimeout(t)},r=setTimeout(n,35);wt&&(e=requestAnimationFrame(n))}function xt(t){t!=1&&mt==C.requestAnimationFrame||((mt=C.requestAnimationFrame)||$n)(mn)}function ae(t){var e=E,n=t.__c;typeof n=="function"&&(t.__c=void 0,n()),E=e}function He(t){var e=E;t.__c=t.__(),E=e}function Ct(t,e){return!t||t.length!=e.length||e.some(function(n,r){return!Re(n,t[r])})}function Tt(t,e){return typeof e=="function"?e(t):e}var We="/api/plugins/kanban",O=class extends Error{status;code;constructor(e,n,r){super(r),this.status=e,this.code=n}};function Fe(){return new URLSearchParams(location.search).get("board")??""}function Ve(t){let e=Fe();return e?t+(t.includes("?")?"&":"?")+"board="+encodeURIComponent(e):t}async function N(t,e,n){let r;try{r=await fetch(We+Ve(e),{method:t,credentials:"same-origin",headers:n===void 0?{}:{"content-type":"application/json"},body:n===void 0?void 0:JSON.stringify(n)})}catch{throw new O(0,"offline","The gateway does not answer. Is it still running?")}let o=await r.text(),s=null;try{s=o?JSON.parse(o):null}catch{}if(!r.ok){let a=s;throw new O(r.status,a?.error?.code??"error",a?.detail??r.statusText)}return s}var gn={ok:0,failure:1,usage:2,interrupted:130},Ge=class extends Error{code;exitCode;httpStatus;constructor(e,n,r,o){super(e),this.name=new.target.name,this.code=n,this.exitCode=r,this.httpStatus=o}},G=class extends Ge{constructor(e,n="usage"){super(e,n,gn.usage,400)}};var Et=["triage","todo","ready","running","blocked","done","archived"];var qe=Et;function vn(t){return qe.includes(t)}function ze(t,e,n){let r=(o,s="invalid_move",a=409)=>({refused:!0,http:a,code:s,message:o});if(!vn(n))return r(`unknown status: ${n} (expected one of ${qe.join(", ")})`,"unknown_status",400);if(n==="running")return r("Cannot set status to 'running' directly: only the dispatcher starts tasks (move it to ready)","running_refused",400);if(e===n)return{kind:"noop"};if(e==="archived")return r(`${t} is archived; a status write never revives it \u2014 create a new task instead`,"terminal");if(e==="done")return n==="archived"?{kind:"archive"}:r(`${t} is done; a status write never reopens it \u2014 create a follow-up task instead`,"terminal");switch(n){case"archived":return{kind:"archive"};case"done":return e==="running"||e==="ready"||e==="blocked"?{kind:"complete"}:r(`cannot complete ${t}: it is ${e}; only ready, running or blocked tasks can be completed`);case"blocked":return e==="running"||e==="ready"?{kind:"block"}:r(`cannot block ${t}: it is ${e}; only ready or running tasks can be blocked`);case"ready":return e==="blocked"?{kind:"unblock"}:{kind:"direct",to:"ready"};case"todo":case"triage":return e==="running"?r(`cannot move ${t} to ${n} while it runs: move it to ready first (that stops its worker)`):{kind:"direct",to:n}}}function Mt(t,e){return qe.filter(n=>n===e?!1:!("refused"in ze(t,e,n)))}function ue(t){let e=Math.max(0,Math.floor(t));return e<60?`${e}s`:e<3600?`${Math.floor(e/60)}m ${String(e%60).padStart(2,"0")}s`:e<86400?`${Math.floor(e/3600)}h ${String(Math.floor(e%3600/60)).padStart(2,"0")}m`:`${Math.floor(e/86400)}d ${Math.floor(e%86400/3600)}h`}function At(t){if(t===null)return"";let e=Math.max(0,t);return e<60?"now":e<3600?`${Math.floor(e/60)}m`:e<86400?`${Math.floor(e/3600)}h`:`${Math.floor(e/86400)}d`}function Q(t){return t===null?"\u2014":new Date(t*1e3).toLocaleString()}var q={triage:"Triage",todo:"Todo",ready:"Ready",running:"In progress",blocked:"Blocked",done:"Done",archived:"Archived"},Dt={ready:[3600,86400],running:[600,3600],blocked:[3600,86400],todo:[7*86400,30*86400]};var Lt=function(t,e,n,r){var o;e[0]=0;for(var s=1;s<e.length;s++){var a=e[s++],l=e[s]?(e[0]|=a?1:2,n[e[s++]]):e[++s];a===3?r[0]=l:a===4?r[1]=Object.assign(r[1]||{},l):a===5?(r[1]=r[1]||{})[e[++s]]=l:a===6?r[1][e[++s]]+=l+"":a?(o=t.apply(l,Lt(t,l,n,["",null])),r.push(o),l[0]?e[0]|=2:(e[s-2]=0,e[s]=o)):r.push(l)}return r},Nt=new Map;function It(t){var e=Nt.get(this);return e||(e=new Map,Nt.set(this,e)),(e=Lt(this,e.get(t)||(e.set(t,e=function(n){for(var r,o,s=1,a="",l="",p=[0],v=function(h){s===1&&(h||(a=a.replace(/^\s*\n\s*|\s*\n\s*$/g,"")))?p.push(0,h,a):s===3&&(h||a)?(p.push(3,h,a),s=2):s===2&&a==="..."&&h?p.push(4,h,0):s===2&&a&&!h?p.push(5,0,!0,a):s>=5&&((a||!h&&s===5)&&(p.push(s,0,a,o),s=6),h&&(p.push(s,h,0,o),s=6)),a=""},c=0;c<n.length;c++){c&&(s===1&&v(),v(c));for(var $=0;$<n[c].length;$++)r=n[c][$],s===1?r==="<"?(v(),p=[p],s=3):a+=r:s===4?a==="--"&&r===">"?(s=1,a=""):a=r+a[0]:l?r===l?l="":a+=r:r==='"'||r==="'"?l=r:r===">"?(v(),s=1):s&&(r==="="?(s=5,o=a,a=""):r==="/"&&(s<5||n[c][$+1]===">")?(v(),s===3&&(p=p[0]),s=p,(p=p[0]).push(2,0,s),s=0):r===" "||r==="	"||r===`
`||r==="\r"?(v(),s=2):a+=r),s===3&&a==="!--"&&(s=4,p=p[0])}return v(),p}(t)),e),arguments,[])).length>1?e:e[0]}var _=It.bind(A);var Xe=t=>_`
    <svg class="icon-svg" width="13" height="13" viewBox="0 0 16 16" aria-hidden="true" fill="none"
      stroke="currentColor" stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round">
      <path d=${t} />
    </svg>
  `,Pt=()=>Xe("M2.5 3.5h11v7h-6l-3.5 3v-3h-1.5z"),Ut=()=>Xe("M4 2.5v4.5a2 2 0 0 0 2 2h4M10 6.5l2.5 2.5-2.5 2.5M4 13.5v-2"),Ot=()=>Xe("M3 8.5l3 3 7-7");var Rt=0;function Bt(t){Rt=t-Date.now()/1e3}function Ht(){return Date.now()/1e3+Rt}function yn({since:t}){let[,e]=k(0);return D(()=>{let n=setInterval(()=>e(r=>r+1),1e3);return()=>clearInterval(n)},[]),_`<span class="elapsed">${ue(Ht()-t)}</span>`}function bn(t){let e=Dt[t.status];if(!e)return"";let n=t.status==="running"&&t.run_started_at!==null?Ht()-t.run_started_at:t.age.created_age_seconds??0;return n>=e[1]?"stale-2":n>=e[0]?"stale-1":""}var B=null;function kn({card:t,onOpen:e,selected:n}){let r=t,o=r.link_counts.parents+r.link_counts.children;return _`
    <article
      class=${`card status-${r.status} ${bn(r)} ${n?"selected":""}`}
      tabindex="0"
      draggable="true"
      data-id=${r.id}
      aria-label=${`${r.title}, ${q[r.status]}`}
      onClick=${()=>e(r.id)}
      onKeyDown=${s=>{(s.key==="Enter"||s.key===" ")&&(s.preventDefault(),e(r.id))}}
      onDragStart=${s=>{B=r,s.dataTransfer?.setData("text/x-hermes-task",r.id),s.dataTransfer?.setData("text/plain",r.id),s.dataTransfer&&(s.dataTransfer.effectAllowed="move")}}
      onDragEnd=${()=>B=null}
    >
      <div class="card-top">
          <span class="card-id">${r.id}</span>
          ${r.priority!==0?_`<span class="pill prio" title="priority">P${r.priority}</span>`:null}
          ${r.tenant?_`<span class="pill tenant" title="tenant">${r.tenant}</span>`:null}
        </div>
      <div class="card-title">${r.title}</div>
      <div class="card-meta">
          ${r.status==="running"?_`<span class="running" title="running"><span class="pulse"></span>${r.run_started_at!==null?_`<${yn} since=${r.run_started_at} />`:"running"}</span>`:null}
          <span class=${r.assignee?"assignee":"assignee none"}>${r.assignee?`@${r.assignee}`:"unassigned"}</span>
          <span class="spacer"></span>
          ${o?_`<span class="meta-item" title=${`${r.link_counts.parents} parent(s), ${r.link_counts.children} child(ren)`}><${Ut} />${o}</span>`:null}
          ${r.progress?_`<span class="meta-item" title="children done"><${Ot} />${r.progress.done}/${r.progress.total}</span>`:null}
          ${r.comment_count?_`<span class="meta-item" title="comments"><${Pt} />${r.comment_count}</span>`:null}
          <span class="meta-item age" title="age">${At(r.age.created_age_seconds)}</span>
        </div>
    </article>
  `}var Je=60;function wn({name:t,cards:e,onOpen:n,onMove:r,selected:o}){let[s,a]=k(Je),[l,p]=k(""),[v,c]=k("");return _`
    <section
      class=${`column col-${t} ${l?`drop-${l}`:""}`}
      data-status=${t}
      onDragOver=${$=>{if(!B||B.status===t)return;let h=ze(B.id,B.status,t);if("refused"in h){p("no"),c(h.message);return}$.preventDefault(),p("ok")}}
      onDragLeave=${()=>{p(""),c("")}}
      onDrop=${$=>{$.preventDefault(),p(""),c(""),B&&B.status!==t&&r(B,t),B=null}}
    >
        <header class="column-head">
          <span class=${`dot dot-${t}`}></span>
          <h2>${q[t]}</h2>
          <span class="count">${e.length}</span>
        </header>
        ${l==="no"?_`<div class="drop-why" role="status">${v}</div>`:null}
        <div class="cards">
          ${e.slice(0,s).map($=>_`<${kn} key=${$.id} card=${$} onOpen=${n} selected=${o===$.id} />`)}
          ${e.length>s?_`<button class="more" onClick=${()=>a(s+Je)}>Show ${Math.min(Je,e.length-s)} more of ${e.length-s}</button>`:null}
          ${e.length===0?_`<div class="empty">No tasks</div>`:null}
        </div>
      </section>
  `}function jt({columns:t,onOpen:e,onMove:n,selected:r}){return _`<div class="board">
    ${t.map(o=>_`
        <${wn} key=${o.name} name=${o.name} cards=${o.tasks} onOpen=${e}
          onMove=${n} selected=${r} />
      `)}
  </div>`}function Wt(t,e){return Mt(t,e)}var sr=1024*1024;var or=1024*1024;var ar=new TextEncoder;var xn=/^(\d+)\s*([smhd]?)$/i,Sn={"":1,s:1,m:60,h:3600,d:86400};function Ft(t,e){let n=xn.exec(e.trim());if(!n)throw new G(`${t}: malformed duration '${e}' (use 300, 90s, 30m, 2h or 1d)`,"invalid_duration");let r=Number(n[1])*Sn[n[2].toLowerCase()];if(r>Cn)throw new G(`${t}: '${e}' is too long (at most 100 years)`,"invalid_duration");return r}var Cn=100*365*86400;function Vt({title:t,onClose:e,children:n}){let r=V(null);return D(()=>{(r.current?.querySelector("input, textarea, select")??r.current?.querySelector("button[type=submit]"))?.focus();let s=a=>{a.key==="Escape"&&(a.stopPropagation(),e())};return addEventListener("keydown",s,!0),()=>removeEventListener("keydown",s,!0)},[]),_`
    <div class="backdrop" onClick=${o=>o.target===o.currentTarget&&e()}>
      <div class="modal" role="dialog" aria-modal="true" aria-label=${t} ref=${r}>
          <h2>${t}</h2>
          ${n}
        </div>
    </div>
  `}function Gt({req:t,onClose:e}){let[n,r]=k("");return _`
    <${Vt} title=${t.title} onClose=${e}>
      <form onSubmit=${o=>{o.preventDefault(),t.onConfirm(n),e()}}>
          <p>${t.text}</p>
          ${t.reason?_`<label>Reason<input name="reason" value=${n} onInput=${o=>r(o.target.value)} placeholder="what is needed to go on" /></label>`:null}
          <div class="actions">
            <button type="button" class="ghost" onClick=${e}>Cancel</button>
            <button type="submit" class="primary">${t.action}</button>
          </div>
        </form>
      <//>
  `}function qt({assignees:t,tenants:e,defaultTenant:n,onClose:r,onCreated:o}){let[s,a]=k(null),[l,p]=k(!1),[v,c]=k("scratch");return _`
    <${Vt} title="New task" onClose=${r}>
      <form class="create" onSubmit=${async h=>{h.preventDefault();let i=new FormData(h.target),m=u=>String(i.get(u)??"").trim(),f={title:m("title"),body:m("body")||null,assignee:m("assignee")||null,tenant:m("tenant")||null,priority:m("priority")?Number(m("priority")):0,triage:i.get("triage")==="on",workspace_kind:v,workspace_path:v==="dir"&&m("workspace_path")||null,parents:m("parents").split(/[\s,]+/).filter(Boolean),skills:m("skills")?m("skills").split(",").map(u=>u.trim()).filter(Boolean):null,idempotency_key:m("idempotency_key")||null,created_by:m("created_by")||null};if(m("max_runtime"))try{f.max_runtime_seconds=Ft("Max runtime",m("max_runtime"))}catch(u){if(!(u instanceof G))throw u;a(u.message);return}if(m("max_retries")&&(f.max_retries=Number(m("max_retries"))),!Number.isInteger(f.priority)){a("Priority must be a whole number");return}p(!0);try{let u=await N("POST","/tasks",f);o(u.task,u.warning??null),r()}catch(u){a(u instanceof O?u.message:String(u))}finally{p(!1)}}}>
          <label class="wide">Title<input name="title" required maxlength="500" placeholder="what needs doing" /></label>
          <label class="wide">Description <small>(markdown; the shell profile runs it as a script)</small>
            <textarea name="body" rows="5"></textarea></label>
          <label>Assignee<input name="assignee" list="assignee-list" placeholder="profile, e.g. shell" /></label>
          <datalist id="assignee-list">${t.map(h=>_`<option value=${h} />`)}</datalist>
          <label>Priority<input name="priority" type="number" min="-1000" max="1000" step="1" value="0" /></label>
          <label>Parents<input name="parents" placeholder="t_1a2b3c4d, t_…" /></label>
          <label>Tenant<input name="tenant" list="tenant-list" value=${n} /></label>
          <datalist id="tenant-list">${e.map(h=>_`<option value=${h} />`)}</datalist>
          <label>Workspace
            <select name="workspace_kind" value=${v} onChange=${h=>c(h.target.value)}>
              <option value="scratch">scratch</option>
              <option value="worktree">worktree</option>
              <option value="dir">dir</option>
            </select></label>
          ${v==="dir"?_`<label>Directory<input name="workspace_path" required placeholder="/absolute/path" /></label>`:null}
          <label>Max runtime<input name="max_runtime" placeholder="30m" /></label>
          <label>Max retries<input name="max_retries" type="number" min="1" step="1" /></label>
          <label>Skills<input name="skills" placeholder="comma, separated" /></label>
          <label>Idempotency key<input name="idempotency_key" /></label>
          <label>Created by<input name="created_by" placeholder="dashboard" /></label>
          <label class="check"><input type="checkbox" name="triage" /> Park in triage</label>
          ${s?_`<div class="form-error wide" role="alert">${s}</div>`:null}
          <div class="actions wide">
            <button type="button" class="ghost" onClick=${r}>Cancel</button>
            <button type="submit" class="primary" disabled=${l}>Create task</button>
          </div>
        </form>
      <//>
  `}function zt(t){let e;try{e=new URL(t)}catch{return null}return e.protocol==="http:"||e.protocol==="https:"||e.protocol==="mailto:"?e.href:null}var Tn=/(`+)([\s\S]*?[^`])\1(?!`)|\*\*([\s\S]+?)\*\*|~~([\s\S]+?)~~|\*([^*\s](?:[^*]*[^*\s])?)\*|\[([^\]\n]+)\]\(([^)\s]+)\)|(https?:\/\/[^\s<>()]+[^\s<>().,;:!?'"])/g;function Z(t,e=0){if(e>4)return[t];let n=[],r=0;for(let o of t.matchAll(Tn)){let s=o.index??0;if(s>r&&n.push(t.slice(r,s)),r=s+o[0].length,o[1]!==void 0)n.push(A("code",null,o[2]));else if(o[3]!==void 0)n.push(A("strong",null,...Z(o[3],e+1)));else if(o[4]!==void 0)n.push(A("del",null,...Z(o[4],e+1)));else if(o[5]!==void 0)n.push(A("em",null,...Z(o[5],e+1)));else if(o[6]!==void 0){let a=zt(o[7]);n.push(a?A("a",{href:a,target:"_blank",rel:"noopener noreferrer nofollow"},...Z(o[6],e+1)):o[0])}else if(o[8]!==void 0){let a=zt(o[8]);n.push(a?A("a",{href:a,target:"_blank",rel:"noopener noreferrer nofollow"},o[8]):o[8])}}return r<t.length&&n.push(t.slice(r)),n}var Xt=/^\s*(```|~~~)(.*)$/,Jt=/^(#{1,6})\s+(.*?)\s*#*\s*$/,Kt=/^\s*([-*_])(\s*\1){2,}\s*$/,Ke=/^\s*[-*+]\s+(.*)$/,Ye=/^\s*(\d{1,9})[.)]\s+(.*)$/,be=/^\s*>\s?(.*)$/;function de(t,e=0){let n=t.replace(/\r\n?/g,`
`).split(`
`),r=[],o=0;for(;o<n.length;){let s=n[o];if(s.trim()===""){o++;continue}let a=Xt.exec(s);if(a){let c=[];for(o++;o<n.length&&!n[o].trimStart().startsWith(a[1]);)c.push(n[o++]);o++;let $=a[2].trim().split(/\s+/)[0];r.push(A("pre",$?{"data-lang":$}:null,A("code",null,c.join(`
`))));continue}let l=Jt.exec(s);if(l){r.push(A(`h${Math.min(6,l[1].length+2)}`,null,...Z(l[2]))),o++;continue}if(Kt.test(s)){r.push(A("hr",null)),o++;continue}if(be.test(s)){let c=[];for(;o<n.length&&be.test(n[o]);)c.push(be.exec(n[o++])[1]);r.push(A("blockquote",null,...e<3?de(c.join(`
`),e+1):[c.join(`
`)]));continue}let p=Ye.exec(s);if(Ke.test(s)||p){let c=p?Ye:Ke,$=[];for(;o<n.length&&c.test(n[o]);){let i=c.exec(n[o++]),m=p?i[2]:i[1];for(;o<n.length&&/^\s{2,}\S/.test(n[o])&&!c.test(n[o]);)m+=" "+n[o++].trim();$.push(Z(m))}let h=p?Number(p[1]):1;r.push(A(p?"ol":"ul",p&&h!==1?{start:h}:null,...$.map(i=>A("li",null,...i))));continue}let v=[];for(;o<n.length&&n[o].trim()!==""&&!Xt.test(n[o])&&!Jt.test(n[o])&&!be.test(n[o])&&!Ke.test(n[o])&&!Ye.test(n[o])&&!Kt.test(n[o]);)v.push(n[o++].trim());r.push(A("p",null,...Z(v.join(" "))))}return r}function En({taskId:t,run:e,version:n}){let[r,o]=k(null),s=V(null);return D(()=>{N("GET",`/tasks/${t}/log?run=${e.id}&tail=65536`).then(o).catch(a=>o({content:String(a.message),exists:!1,truncated:!1}))},[t,e.id,n]),D(()=>{s.current&&(s.current.scrollTop=s.current.scrollHeight)},[r]),r?r.exists?_`<pre class="log" ref=${s}>${r.truncated?`\u2026
`:""}${r.content||"(empty)"}</pre>`:_`<div class="muted">No log for this run.</div>`:_`<div class="muted">Loading log…</div>`}function Mn({taskId:t,run:e,version:n}){let[r,o]=k(e.ended_at===null),s=(e.ended_at??Date.now()/1e3)-e.started_at;return _`<li class="run">
    <div class="run-head">
      <span class=${`pill run-${e.status}`}>${e.status}</span>
      <span>#${e.id}</span>
      ${e.profile?_`<span class="muted">@${e.profile}</span>`:null}
      <span class="muted">${Q(e.started_at)} · ${ue(s)}</span>
      ${e.exit_code!==null?_`<span class="muted">exit ${e.exit_code}</span>`:null}
      <span class="spacer"></span>
      <button class="link" onClick=${()=>o(!r)} aria-expanded=${r}>${r?"Hide log":"Show log"}</button>
    </div>
    ${e.summary?_`<div class="run-text">${e.summary}</div>`:null}
    ${e.error?_`<div class="run-text error-text">${e.error}</div>`:null}
    ${r?_`<${En} taskId=${t} run=${e} version=${n} />`:null}
  </li>`}function Yt({title:t,refs:e,onOpen:n}){return _`<div class="refs">
    <h3>${t}</h3>
    ${e.length===0?_`<div class="muted">None</div>`:_`<ul>${e.map(r=>_`<li><button class="ref" onClick=${()=>n(r.id)}>
            <span class=${`dot dot-${r.status}`}></span><span class="ref-title">${r.title}</span>
            <span class="muted">${r.id} · ${r.status}</span></button></li>`)}</ul>`}
  </div>`}function An(t){let e=t.payload??{};return Object.entries(e).filter(([,r])=>r!==null&&r!==""&&!(Array.isArray(r)&&r.length===0)).map(([r,o])=>`${r}=${typeof o=="string"?o:JSON.stringify(o)}`).join(" ")}function Qt({id:t,version:e,markdown:n,onClose:r,onOpen:o,onMove:s,onError:a}){let[l,p]=k(null),[v,c]=k(null),[$,h]=k(""),i=V(null);D(()=>{let u=!0;return N("GET",`/tasks/${t}`).then(y=>{u&&(p(y),c(null))}).catch(y=>u&&c(y instanceof O?y.message:String(y))),()=>{u=!1}},[t,e]),D(()=>{i.current?.focus()},[t]);let m=async u=>{if(u.preventDefault(),!!$.trim())try{await N("POST",`/tasks/${t}/comments`,{body:$}),h("");let y=await N("GET",`/tasks/${t}`);p(y)}catch(y){a(y instanceof O?y.message:String(y))}},f=l?.task;return _`<aside class="drawer" tabindex="-1" ref=${i} aria-label="Task details">
    <div class="drawer-head">
      <span class="card-id">${t}</span>
      <span class="spacer"></span>
      <button class="icon" onClick=${r} aria-label="Close" title="Close (Esc)">✕</button>
    </div>
    ${v?_`<div class="banner error">${v}</div>`:null}
    ${f?_`
      <div class="drawer-body">
        <h1 class="task-title">${f.title}</h1>
        <div class="chips">
          <span class=${`pill status-pill st-${f.status}`}>${q[f.status]}</span>
          <span class="pill">${f.assignee?`@${f.assignee}`:"unassigned"}</span>
          ${f.priority?_`<span class="pill prio">P${f.priority}</span>`:null}
          ${f.tenant?_`<span class="pill tenant">${f.tenant}</span>`:null}
          ${f.skills.map(u=>_`<span class="pill">${u}</span>`)}
        </div>
        <div class="moves" role="group" aria-label="Move to">
          ${Wt(f.id,f.status).map(u=>_`<button class=${`move move-${u}`} onClick=${()=>s(f,u)}>${u==="archived"?"Archive":`\u2192 ${q[u]}`}</button>`)}
        </div>
        <section class="md">${f.body?n?de(f.body):_`<pre class="plain">${f.body}</pre>`:_`<p class="muted">No description.</p>`}</section>
        ${f.result?_`
            <section>
              <h3>Result</h3>
              <div class="md">${de(f.result)}</div>
            </section>
          `:null}
        ${f.last_failure_error?_`<div class="banner warning">Last failure (${f.consecutive_failures}): ${f.last_failure_error}</div>`:null}
        <dl class="details">
          <dt>Created</dt><dd>${Q(f.created_at)}${f.created_by?` by ${f.created_by}`:""}</dd>
          <dt>Started</dt><dd>${Q(f.started_at)}</dd>
          <dt>Completed</dt><dd>${Q(f.completed_at)}</dd>
          <dt>Workspace</dt><dd>${f.workspace_kind}${f.workspace_path?`: ${f.workspace_path}`:""}</dd>
          <dt>Max runtime</dt><dd>${f.max_runtime_seconds===null?"default":ue(f.max_runtime_seconds)}</dd>
          <dt>Max retries</dt><dd>${f.max_retries??"default"}</dd>
        </dl>
        <div class="two">
          <${Yt} title="Parents" refs=${l.parents} onOpen=${o} />
          <${Yt} title="Children" refs=${l.children} onOpen=${o} />
        </div>
        <section>
          <h3>Comments <span class="count">${l.comments.length}</span></h3>
          <ul class="comments">
            ${l.comments.map(u=>_`
                <li>
                  <div class="comment-head"><strong>${u.author}</strong><span class="muted">${Q(u.created_at)}</span></div>
                  <div class="md">${de(u.body)}</div>
                </li>
              `)}
          </ul>
          <form class="comment-form" onSubmit=${m}>
            <textarea name="comment" rows="2" placeholder="Add a comment (markdown)" value=${$}
              onInput=${u=>h(u.target.value)}
              onKeyDown=${u=>{u.key==="Enter"&&(u.ctrlKey||u.metaKey)&&m(u)}}></textarea>
            <button type="submit" class="primary" disabled=${!$.trim()}>Comment</button>
          </form>
        </section>
        <section>
          <h3>Runs <span class="count">${l.runs.length}</span></h3>
          ${l.runs.length===0?_`<div class="muted">Not run yet.</div>`:_`<ul class="runs">${[...l.runs].reverse().map(u=>_`<${Mn} key=${u.id} taskId=${f.id} run=${u} version=${e} />`)}</ul>`}
        </section>
        <section>
          <h3>Events</h3>
          <ol class="events">
            ${[...l.events].reverse().slice(0,50).map(u=>_`<li><span class="ev-kind">${u.kind}</span><span class="ev-text">${An(u)}</span><span class="muted">${Q(u.created_at)}</span></li>`)}
          </ol>
        </section>
      </div>
    `:v?null:_`<div class="muted pad">Loading…</div>`}
  </aside>`}var ke=210,re=52,Qe=70,Ze=18,Zt=400;function Dn(t,e){let n=new Map(t.map(i=>[i.id,i])),r=e.filter(i=>n.has(i.parent_id)&&n.has(i.child_id)),s=[...new Set(r.flatMap(i=>[i.parent_id,i.child_id]))].slice(0,Zt),a=new Set(s),l=new Map;for(let i of r)!a.has(i.parent_id)||!a.has(i.child_id)||l.set(i.child_id,[...l.get(i.child_id)??[],i.parent_id]);let p=new Map,v=(i,m=0)=>{let f=p.get(i);if(f!==void 0)return f;if(m>Zt)return 0;let u=l.get(i)??[],y=u.length?1+Math.max(...u.map(b=>v(b,m+1))):0;return p.set(i,y),y},c=[];for(let i of s)(c[v(i)]??=[]).push(i);let $=new Map;c.forEach((i,m)=>{i.sort((f,u)=>n.get(f).created_at-n.get(u).created_at),i.forEach((f,u)=>{$.set(f,{card:n.get(f),x:20+m*(ke+Qe),y:20+u*(re+Ze)})})});let h=Math.max(0,...c.map(i=>i.length));return{nodes:[...$.values()],edges:r.filter(i=>$.has(i.parent_id)&&$.has(i.child_id)).map(i=>[$.get(i.parent_id),$.get(i.child_id)]),width:40+c.length*(ke+Qe)-Qe,height:40+h*(re+Ze)-Ze}}function en(t,e){return t.length>e?t.slice(0,e-1)+"\u2026":t}function tn({cards:t,version:e,onOpen:n}){let[r,o]=k(null);if(D(()=>{N("GET","/links").then(a=>o(a.links)).catch(()=>o([]))},[e]),!r)return _`<div class="muted pad">Loading…</div>`;let s=Dn(t,r);return s.nodes.length===0?_`
      <div class="graph-empty">
        <p>No dependencies among these tasks yet.</p>
        <p
          class="muted">Give a task a parent (in the create form, or <code>hermes kanban link</code>) to see the graph.</p>
      </div>
    `:_`
    <div class="graph-wrap">
      <svg class="graph" width=${s.width} height=${s.height} viewBox=${`0 0 ${s.width} ${s.height}`} role="img"
        aria-label="Dependency graph">
          <defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" class="arrow" /></marker></defs>
          ${s.edges.map(([a,l])=>{let p=a.x+ke,v=a.y+re/2,c=l.x,$=l.y+re/2,h=(p+c)/2;return _`<path class="edge" d=${`M ${p} ${v} C ${h} ${v}, ${h} ${$}, ${c-2} ${$}`} marker-end="url(#arrow)" />`})}
          ${s.nodes.map(a=>_`
              <g class=${`node st-${a.card.status}`} transform=${`translate(${a.x},${a.y})`} tabindex="0" role="button"
                aria-label=${a.card.title} onClick=${()=>n(a.card.id)}
                onKeyDown=${l=>l.key==="Enter"&&n(a.card.id)}>
                <rect width=${ke} height=${re} rx="10" />
                <rect class="bar" width="5" height=${re} rx="2" />
                <text x="14" y="21" class="node-title">${en(a.card.title,26)}</text>
                <text x="14" y="39" class="node-meta">${a.card.id} · ${a.card.status}${a.card.assignee?` \xB7 @${en(a.card.assignee,12)}`:""}</text>
              </g>
            `)}
        </svg>
    </div>
  `}var Nn=0;function nn(){let t=/^#(t_[0-9a-f]{8})$/.exec(location.hash);return t?t[1]:null}function Ln(t,e){if(e.assignee==="-"&&t.assignee!==null||e.assignee&&e.assignee!=="-"&&t.assignee!==e.assignee||e.tenant&&t.tenant!==e.tenant)return!1;if(e.text){let n=e.text.toLowerCase();if(!`${t.id} ${t.title} ${t.assignee??""} ${t.body??""}`.toLowerCase().includes(n))return!1}return!0}function rn(){let[t,e]=k(null),[n,r]=k(null),[o,s]=k("ok"),[a,l]=k(null),[p,v]=k([]),[c,$]=k(nn()),[h,i]=k(0),[m,f]=k(0),[u,y]=k("board"),[b,S]=k(!1),[w,ee]=k(null),[z,H]=k("connecting"),[M,X]=k({assignee:"",tenant:"",text:""}),[P,R]=k(!1),[U,L]=k([]),et=V(null),we=V(c);we.current=c;let j=ne((d,g)=>{let T={id:++Nn,kind:d,text:g};v(I=>[...I.slice(-3),T]),d==="info"&&setTimeout(()=>v(I=>I.filter(_e=>_e.id!==T.id)),4e3)},[]),J=ne(async()=>{try{let d=await N("GET",`/board?include_archived=${P}`);Bt(d.now),e(d),l(null),f(g=>g+1)}catch(d){d instanceof O&&d.status===401?s("missing"):l(d instanceof Error?d.message:String(d))}},[P]);D(()=>{J()},[J]),D(()=>{N("GET","/config").then(d=>{r(d),d.default_tenant&&X(g=>({...g,tenant:g.tenant||d.default_tenant})),d.include_archived_by_default&&R(!0)}).catch(()=>{}),N("GET","/boards").then(d=>L(d.boards.filter(g=>g.exists).map(g=>g.name))).catch(()=>{})},[]);let tt=t!==null;D(()=>{if(!tt||o!=="ok")return;let d,g=()=>{clearTimeout(d),d=setTimeout(J,120)},T=new EventSource(`${We}${Ve(`/events?since=${t.latest_event_id}`)}`);return T.onopen=()=>H("live"),T.onerror=()=>H(T.readyState===EventSource.CLOSED?"offline":"connecting"),T.onmessage=I=>{H("live"),JSON.parse(I.data).events.some(Ee=>Ee.task_id===we.current)&&i(Ee=>Ee+1),g()},T.addEventListener("reset",g),()=>{clearTimeout(d),T.close()}},[tt,o,J]),D(()=>{let d=()=>$(nn());return addEventListener("hashchange",d),()=>removeEventListener("hashchange",d)},[]);let te=ne(d=>{$(d),history.replaceState(null,"",d?`#${d}`:location.pathname+location.search)},[]),xe=ne(async(d,g,T="")=>{try{await N("PATCH",`/tasks/${d.id}`,{status:g,...g==="blocked"&&T?{block_reason:T}:{}}),j("info",`${d.id} moved to ${q[g]}`),i(I=>I+1),J()}catch(I){j("error",`Cannot move '${d.title}': ${I instanceof Error?I.message:I}`)}},[J,j]),nt=ne((d,g)=>{if(g==="done"||g==="archived"||g==="blocked"){ee({title:g==="done"?"Complete task?":g==="archived"?"Archive task?":"Block task?",text:g==="done"?`Mark '${d.title}' as done. Its children whose parents are all done become ready.`:g==="archived"?`Archive '${d.title}'. A running worker is stopped.`:`Block '${d.title}' until someone unblocks it. A running worker is stopped.`,action:g==="done"?"Complete":g==="archived"?"Archive":"Block",reason:g==="blocked",onConfirm:T=>xe(d,g,T)});return}xe(d,g)},[xe]),sn=async()=>{try{let d=await N("POST","/dispatch?max=8"),g=Array.isArray(d.spawned)?d.spawned.length:d.spawned??0;j("info",`Dispatcher ran: ${g} spawned`)}catch(d){j("error",d instanceof Error?d.message:String(d))}};D(()=>{let d=g=>{let T=g.target,I=["INPUT","TEXTAREA","SELECT"].includes(T.tagName);if(g.key==="Escape"&&!b&&!w){I?T.blur():we.current&&te(null);return}I||g.ctrlKey||g.metaKey||g.altKey||b||w||(g.key==="n"?(g.preventDefault(),S(!0)):g.key==="/"?(g.preventDefault(),et.current?.focus()):g.key==="g"&&y(_e=>_e==="board"?"graph":"board"))};return addEventListener("keydown",d),()=>removeEventListener("keydown",d)},[b,w,te]);let Se=ce(()=>t?t.columns.map(d=>({name:d.name,tasks:d.tasks.filter(g=>Ln(g,M))})):[],[t,M]),Ce=ce(()=>Se.flatMap(d=>d.tasks),[Se]);if(o==="missing")return _`
      <div class="auth">
        <h1>hermes</h1>
        <p>This board needs its access token.</p>
        <p>Open the address that <code>hermes gateway start</code> or <code>hermes gateway status</code> prints — it ends in <code>?token=…</code>.</p>
      </div>
    `;let Te=t?t.columns.reduce((d,g)=>d+g.tasks.length,0):0,rt=n&&!n.dispatcher.running;return _`<div class=${`app ${c?"with-drawer":""}`}>
    <header class="topbar">
      <div class="brand"><span class="logo" aria-hidden="true"></span>hermes</div>
      ${U.length>1?_`
        <select class="board-pick" aria-label="Board" value=${Fe()||"default"}
          onChange=${d=>{let g=d.target.value;location.search=g==="default"?"":`?board=${encodeURIComponent(g)}`}}>${U.map(d=>_`<option value=${d}>${d}</option>`)}</select>
      `:_`<span class="board-name">${t?.board??""}</span>`}
      <span class=${`live live-${z}`} title=${z==="live"?"Live updates on":"Reconnecting\u2026"}>
        <span class="live-dot"></span>${z==="live"?"Live":z==="connecting"?"Connecting":"Offline"}
      </span>
      ${n?_`<span class=${`disp ${rt?"off":"on"}`} title=${n.dispatcher.message||"dispatcher running"}>
          Dispatcher ${rt?"off":"on"}</span>`:null}
      <span class="spacer"></span>
      <div class="view-toggle" role="tablist">
        <button role="tab" aria-selected=${u==="board"} class=${u==="board"?"on":""} onClick=${()=>y("board")}>Board</button>
        <button role="tab" aria-selected=${u==="graph"} class=${u==="graph"?"on":""} onClick=${()=>y("graph")}>Graph</button>
      </div>
      <button class="ghost" onClick=${sn} title="Run the dispatcher once now">Nudge dispatcher</button>
      <button class="primary" onClick=${()=>S(!0)} title="New task (n)">+ New task</button>
    </header>
    <div class="filters">
      <input ref=${et} class="search" type="search" placeholder="Filter by text  ( / )" value=${M.text}
        aria-label="Filter by text" onInput=${d=>X({...M,text:d.target.value})} />
      <select aria-label="Assignee" value=${M.assignee} onChange=${d=>X({...M,assignee:d.target.value})}>
        <option value="">All assignees</option>
        <option value="-">Unassigned</option>
        ${(t?.assignees??[]).map(d=>_`<option value=${d}>@${d}</option>`)}
      </select>
      <select aria-label="Tenant" value=${M.tenant} onChange=${d=>X({...M,tenant:d.target.value})}>
        <option value="">All tenants</option>
        ${(t?.tenants??[]).map(d=>_`<option value=${d}>${d}</option>`)}
      </select>
      <label class="check"><input type="checkbox" checked=${P} onChange=${d=>R(d.target.checked)} /> Archived</label>
      <span class="spacer"></span>
      <span class="muted">${Ce.length===Te?`${Te} tasks`:`${Ce.length} of ${Te} tasks`}</span>
    </div>
    <div class="banners" aria-live="polite">
      ${a?_`<div class="banner error">Cannot load the board: ${a}</div>`:null}
      ${p.map(d=>_`
        <div key=${d.id} class=${`banner ${d.kind}`} role=${d.kind==="error"?"alert":"status"}>
          <span>${d.text}</span>
          <button class="icon" aria-label="Dismiss" onClick=${()=>v(g=>g.filter(T=>T.id!==d.id))}>✕</button>
        </div>
      `)}
    </div>
    <main class="main">
      ${t?u==="board"?_`<${jt} columns=${Se} onOpen=${te} onMove=${nt} selected=${c} />`:_`<${tn} cards=${Ce} version=${m} onOpen=${te} />`:_`<div class="muted pad">Loading…</div>`}
      ${c?_`
        <${Qt} id=${c} version=${h} markdown=${n?.render_markdown??!0}
          onClose=${()=>te(null)} onOpen=${te} onMove=${nt} onError=${d=>j("error",d)} />
      `:null}
    </main>
    ${b?_`
        <${qt} assignees=${t?.assignees??[]} tenants=${t?.tenants??[]}
          defaultTenant=${M.tenant} onClose=${()=>S(!1)}
          onCreated=${(d,g)=>{g?j("warning",`Task created, but: ${g}`):j("info",`Created ${d.id}`),J()}} />
      `:null}
    ${w?_`<${Gt} req=${w} onClose=${()=>ee(null)} />`:null}
  </div>`}ht(_`<${rn} />`,document.getElementById("app"));
