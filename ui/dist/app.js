var x,at,on,W,Me,$e,it,fe,lt,Ae,De,an,oe=Symbol.for("pv"),ge={},ve=[],ln=/^m(i|n|o|s|text|space)$/,Ne=Array.isArray,Le=ve.slice,Y=Object.assign;function K(t){t&&t.parentNode&&t.remove()}function D(t,e,n){var s,o,r,a={},l=arguments.length;for(r in e)r=="key"?s=e[r]:r=="ref"&&typeof t!="function"?o=e[r]:a[r]=e[r];return l>2&&(a.children=l>3?Le.call(arguments,2):n),re(t,a,s,o,null)}function re(t,e,n,s,o){var r={type:t,props:e,key:n,ref:s,__k:null,__:null,__b:0,__e:null,__c:null,constructor:oe,__v:o||++at,__i:-1,__u:0};return!o&&x.vnode&&x.vnode(r),r}function ye(t){return t.children}function he(t,e){this.props=t,this.context=e,this.__g=0}function F(t,e){if(e==null)return t.__&&F(t.__,t.__i+1);for(var n;e<t.__k.length;e++)if((n=t.__k[e])&&n.__e)return n.__e;return typeof t.type!="function"||t.props.__P?null:F(t)}function cn(t){var e,n=t.__v,s=n.__e,o=[],r=[],a=t.__P;a&&((e=Y({constructor:oe},n)).__v=n.__v+1,x.vnode&&x.vnode(e),Pe(a,e,n,t.__n,a.namespaceURI,32&n.__u?[s]:null,o,s||F(n),32&n.__u,r),e.__v=n.__v,e.__.__k[e.__i]=e,ft(o,e,r),n.__=n.__e=null,e.__e!=s&&ct(e))}function ct(t){if((t=t.__)&&t.__c&&!t.props.__P)return t.__e=null,t.__k.some(function(e){return e&&(t.__e=e.__e)}),ct(t)}function rt(t){(8&t.__g||(t.__g|=8,W.push(t),$e++))&&Me==x.debounceRendering||((Me=x.debounceRendering)||queueMicrotask)(ut)}function ut(){try{for(var t,e=1;W.length;)W.length>e&&W.sort(it),t=W.shift(),e=W.length,8&t.__g&&cn(t)}finally{($e=W.length)&&(Me||queueMicrotask)(ut)}}function dt(t,e,n,s,o,r,a,l,p,v,c){var $,h,i,m,f,u,y=s.__k||ve,b=e.length;for(p=un(n,e,y,p,b),$=0;$<b;$++)(i=n.__k[$])!=null&&(h=~i.__i&&y[i.__i]||ge,i.__i=$,u=Pe(t,i,h,o,r,a,l,p,v,c),m=i.__e,(h.ref!=i.ref||8&h.__u)&&(h.ref&&Ie(h.ref,null,i,h),i.ref&&c.push(i.ref,i.__c||m,i)),f=f||m,4&i.__u?(p=_t(i,p,t,!h.__v),h.__e&&(h.__e=null)):typeof i.type=="function"&&u!==void 0?p=u:m&&(p=m.nextSibling),i.__u&=-21);return n.__e=f,p}function un(t,e,n,s,o){var r,a,l,p,v,c,$,h,i,m=n.length,f=m,u=0,y=0,b=t.__k=Array(o);for(r=0;r<o;r++)(a=e[r])!=null&&typeof a!="boolean"&&typeof a!="function"?(typeof a!="object"||a.constructor===String?a=b[r]=re(null,a):Ne(a)?a=b[r]=re(ye,{children:a}):a.constructor===oe&&a.__b?a=b[r]=re(a.type,a.props,a.key,a.ref,a.__v):b[r]=a,p=r+u,a.__=t,a.__b=t.__b+1,l=null,~(v=a.__i=dn(a,n,p,f))&&(f--,(l=n[v])&&(l.__u|=2)),l&&l.__v?(a.__u|=16,v==p-1?u--:v==p+1?u++:v!=p&&(v>p?u--:u++,y=1)):(~v||(o>m?u--:o<m&&u++),typeof a.type!="function"&&(a.__u|=4))):b[r]=null;if(y){for(c=[],$=[],r=0;r<o;r++)if((a=b[r])&&16&a.__u){for(u=0,h=c.length;u<h;)c[i=u+h>>1]<a.__i?u=i+1:h=i;c[u]=a.__i,$[r]=u+1}for(u=c.length;r--;)$[r]&&($[r]==u?u--:b[r].__u|=4)}if(f)for(r=0;r<m;r++)!(l=n[r])||2&l.__u||(l.__e==s&&(s=F(l)),Ue(l,l));return s}function _t(t,e,n,s){var o,r,a,l;if(typeof t.type=="function"){if(t.props.__P)return e;if(o=t.__k)for(r=0;r<o.length;r++)o[r]&&(o[r].__=t,e=_t(o[r],e,n,!1));return e}for(e&&!e.parentNode&&(e=F(t))&&!e.parentNode&&(e=null),a=t.__e,l=e;l&&l.nodeType==8;)l=l.nextSibling;for(a!=l&&(!s&&n.moveBefore&&a.parentNode?n.moveBefore(a,e):n.insertBefore(a,e||null)),e=a;(e=e&&e.nextSibling)&&e.nodeType==8&&!e.data.startsWith("$s"););return e}function dn(t,e,n,s){var o,r=t.key,a=t.type,l=e[n],p=l&&!(2&l.__u);if(l===null&&r==null||p&&r==l.key&&a==l.type)return n;if(s>(p?1:0)){for(o=n-1;o>=0;o--)if((l=e[o])&&!(2&l.__u)&&r==l.key&&a==l.type)return o;for(o=n+1;o<e.length;o++)if((l=e[o])&&!(2&l.__u)&&r==l.key&&a==l.type)return o}return-1}function ot(t,e,n){n==null&&(n=""),e[0]=="-"?t.setProperty(e,n):t[e]=n}function pe(t,e,n,s,o){var r,a;if(e=="style")if(typeof n=="string")t.style.cssText=n;else{if(typeof s=="string"&&(t.style.cssText=s=""),s)for(e in s)n&&e in n||ot(t.style,e);if(n)for(e in n)s&&n[e]==s[e]||ot(t.style,e,n[e])}else if(e[0]=="o"&&e[1]=="n")typeof n!="function"&&(n=null),typeof s!="function"&&(s=null),(t.__e||(t.__e={}))[e]=n,n&&s||(a=De[e]||(De[e]=_n(e)),(t.__a||(t.__a={}))[e]=Ae,r=e!=(e=e.replace(lt,"$1")),(e=e.slice(2))[0]<"a"&&(e=e.toLowerCase()),n?t.addEventListener(e,a,r):t.removeEventListener(e,a,r));else{if(o=="http://www.w3.org/2000/svg")e=e.replace(/xlink(H|:h)/,"h").replace(/sName$/,"s");else if(e!="width"&&e!="height"&&e!="href"&&e!="list"&&e!="form"&&e!="tabIndex"&&e!="download"&&e!="rowSpan"&&e!="colSpan"&&e!="role"&&e!="popover"&&e in t)try{return void(t[e]=n??"")}catch{}if(typeof n=="function")return;n==null||n===!1&&e[4]!="-"?t.removeAttribute(e):t.setAttribute(e,e=="popover"&&n==1?"":n)}}function _n(t){return function(e){var n=this.__e;if(n){if(n=n[t],e[fe]==null)e[fe]=Ae++;else if(e[fe]<this.__a[t])return;return n(x.event?x.event(e):e)}}}function Pe(t,e,n,s,o,r,a,l,p,v){var c,$,h,i,m,f,u,y,b,S,w,ee,z,H,M,X,I,R,U=e.type;if(e.constructor!==oe)return null;128&n.__u&&(p=32&n.__u,c=n.__c.__z)&&(e.__u|=p,$=r=[],c.nodeType==8?l=me(c,r):r.push(c),l=r[0]||l),(c=x.__b)&&c(e);e:if(typeof U=="function"){h=a.length;try{if(y=e.props,b=(c=U.prototype)&&c.render,S=(c=U.contextType)&&s[c.__c],w=c?S?S.props.value:c.__:s,(i=n.__c)?(e.__c=i,2&i.__g&&(i.__g|=1)):(b?e.__c=i=new U(y,w):(e.__c=i=new he(y,w),i.constructor=U,i.render=fn),S&&S.sub(i),i.state||(i.state={}),i.__n=s,i.__g|=8,i.__h=[],i.__k=[]),b&&(i.__s||(i.__s=i.state),U.getDerivedStateFromProps&&(i.__s==i.state&&(i.__s=Y({},i.__s)),Y(i.__s,U.getDerivedStateFromProps(y,i.__s)))),m=i.props,f=i.state,i.__v=e,n.__c){if(y!==m&&b&&!U.getDerivedStateFromProps&&i.componentWillReceiveProps&&i.componentWillReceiveProps(y,w),e.__v==n.__v&&!(8&i.__g)||!(4&i.__g)&&i.shouldComponentUpdate&&i.shouldComponentUpdate(y,i.__s,w)===!1){e.__v!=n.__v&&(i.props=y,i.state=i.__s,i.__g&=-9),e.__e=n.__e,e.__k=n.__k,e.__k.some(function(L){L&&(L.__=e)}),ve.push.apply(i.__h,i.__k),i.__k=[],i.__h.length&&a.push(i),l=F(n);break e}i.componentWillUpdate&&i.componentWillUpdate(y,i.__s,w),b&&i.componentDidUpdate&&i.__h.push(function(){i.componentDidUpdate(m,f,u)})}else b&&!U.getDerivedStateFromProps&&i.componentWillMount&&i.componentWillMount(),b&&i.componentDidMount&&i.__h.push(i.componentDidMount);i.context=w,i.props=y,i.__P=t,i.__g&=-5,ee=x.__r,z=b?25:0;do i.__g&=-9,ee&&ee(e),c=i.render(i.props,i.state=i.__s,i.context);while(8&i.__g&&++z<25);b&&(ve.push.apply(i.__h,i.__k),i.__k=[]),i.state=i.__s,i.getChildContext&&(s=Y({},s,i.getChildContext())),b&&n.__c&&i.getSnapshotBeforeUpdate&&(u=i.getSnapshotBeforeUpdate(m,f)),H=c&&c.type===ye&&c.key==null?c.props.children:c,y.__P&&(c=l,o=(t=y.__P).namespaceURI,p=r=null,n.props&&n.props.__P!=t&&(n.__k.some(function(L){L&&Ue(L,L)}),n.__k=null),l=n.__k?F(n,0):null),l=dt(t,Ne(H)?H:[H],e,n,s,o,r,a,l,p,v),y.__P&&(e.__e=null,l=c),e.__u&=-161,$&&$.some(K),i.__h.length&&a.push(i),1&i.__g&&(i.__g&=-4)}catch(L){if(a.length=h,e.__v=null,p||r)if(L&&L.then){if(e.__u|=128|p,r){for(~(I=r.indexOf(l||void 0))||(I=r.length);(R=r[I-1])&&R.nodeType==8;)I--;for(;I<r.length;I++)if(R=r[I])if(r[I]=null,M){if(R==X)break}else{if(R.nodeType!=8)break;R.data.startsWith("$s")&&(X=me(M=R))}}if(!M){for(;l&&l.nodeType==8&&l.nextSibling;)l=l.nextSibling;M=l}(c=me(M=e.__c.__z||(e.__c.__z=M)))?(e.__e=M,l=c):e.__e=l,l=l&&l.nextSibling}else r&&r.some(K);else e.__e=n.__e;e.__k||(e.__k=n.__k||[]),L&&L.then||pt(e),x.__e(L,e,n)}}else l=e.__e=pn(n.__e,e,n,s,o,r,a,p,v,t);return(c=x.diffed)&&c(e),l}function me(t,e){if(t&&t.nodeType==8&&t.data.startsWith("$s"))for(var n=1;t=t.nextSibling;){if(t.nodeType==8){if(t.data.startsWith("$s"))n++;else if(t.data.startsWith("/$s")&&!--n)return t}e&&e.push(t)}}function pt(t){t&&(t.__c&&(t.__c.__g|=4),t.__k&&t.__k.some(pt))}function ft(t,e,n){for(var s=0;s<n.length;)Ie(n[s++],n[s++],n[s++]);x.__c&&x.__c(e,t),t.some(function(o){try{t=o.__h,o.__h=[],t.some(function(r){r.call(o)})}catch(r){x.__e(r,o.__v)}})}function pn(t,e,n,s,o,r,a,l,p,v){var c,$,h,i,m,f,u,y,b=n.props||ge,S=e.props,w=e.type;if(w=="svg"?o="http://www.w3.org/2000/svg":w=="math"?o="http://www.w3.org/1998/Math/MathML":o||(o="http://www.w3.org/1999/xhtml"),r){for(c=0;c<r.length;c++)if((m=r[c])&&(w?m.localName==w:m.nodeType==3)){t=m,r[c]=null;break}}if(!t){if(y=v.ownerDocument||document,!w)return y.createTextNode(S);t=y.createElementNS(o,w,S.is?S:v),l&&(x.__m&&x.__m(e,r),l=!1),r=null}if(w){if(v=w=="template"&&t.content||t,r=w=="textarea"&&S.defaultValue!=null?null:r&&Le.call(v.childNodes),!l&&r)for(b={},c=0;c<t.attributes.length;c++)b[(m=t.attributes[c]).name]=m.value;for(c in b)m=b[c],c=="dangerouslySetInnerHTML"?h=m:c=="children"||c in S||c=="value"&&"defaultValue"in S||c=="checked"&&"defaultChecked"in S||pe(t,c,null,m,o);for(c in S)m=S[c],c=="children"?i=m:c=="dangerouslySetInnerHTML"?$=m:c=="value"?f=m:c=="checked"?u=m:l&&typeof m!="function"||b[c]===m||pe(t,c,m,b[c],o);$?(l||h&&($.__html==h.__html||$.__html==t.innerHTML)||(t.innerHTML=$.__html),e.__k=[]):(h&&(t.textContent=""),(w=="foreignObject"||o=="http://www.w3.org/1998/Math/MathML"&&ln.test(w))&&(o="http://www.w3.org/1999/xhtml"),dt(v,Ne(i)?i:[i],e,n,s,o,r,a,r?r[0]:n.__k&&F(n,0),l,p),r&&r.some(K)),l&&w!="textarea"||(c="value",w=="progress"&&f==null?t.removeAttribute(c):f==null||f===t[c]&&(w!="progress"||f)||pe(t,c,f,b[c],o),c="checked",u!=null&&u!=t[c]&&pe(t,c,u,b[c],o))}else b===S||l&&t.data==S||(t.data=S);return t}function Ie(t,e,n,s){try{typeof t=="function"?e?e.__x=t(e)||1:s&&(s=s.__c||s.__e)&&(e=s.__x)&&(s.__x=null,typeof e=="function"?e():t(null)):t.current=e}catch(o){x.__e(o,n)}}function Ue(t,e,n){var s,o,r,a;if(x.unmount&&x.unmount(t),!(s=t.ref)||s.current&&s.current!=t.__e||Ie(s,null,e,t),s=t.__c){if(s.componentWillUnmount)try{s.componentWillUnmount()}catch(l){x.__e(l,e)}s.__P=s.__n=null}if(s=t.__k)for(a=0;a<s.length;a++)s[a]&&Ue(s[a],e,typeof t.type!="function"||n&&!t.props.__P);!n&&(s=t.__c)&&(s=s.__z)&&(o=me(s,r=[]))&&(s==t.__e&&r.some(K),K(o),K(s)),n||K(t.__e),t.__e=t.__c=t.__=null}function fn(t,e,n){return this.constructor(t,n)}function ht(t,e){var n,s,o,r;x.__&&x.__(t,e),e.nodeType==9&&(e=e.documentElement),s=(n=t&&32&t.__u)?null:e.__k,e.__k=re(ye,{children:[t]}),o=[],r=[],Pe(e,e.__k,s||ge,ge,e.namespaceURI,s?null:e.firstChild?Le.call(e.childNodes):null,o,s?s.__e:e.firstChild,n,r),ft(o,e.__k,r),e.__k.props.children=null}x={__e:function(t,e,n,s){for(var o,r,a;e=e.__;)if((o=e.__c)&&!(1&o.__g)){o.__g|=4;try{if((a=(r=o.constructor)&&r.getDerivedStateFromError)&&o.setState(r.getDerivedStateFromError(t)),o.componentDidCatch&&(o.componentDidCatch(t,s||{}),a=1),a&&8&o.__g)return void(o.__g|=2)}catch(l){t=l}}throw $e=0,t}},at=0,on=function(t){return t!=null&&t.constructor===oe},he.prototype.setState=function(t,e){var n=this.__s;n&&n!=this.state||(n=this.__s=Y({},this.state)),typeof t=="function"&&(t=t(Y({},n),this.props)),t&&(Y(n,t),this.__v&&(e&&this.__k.push(e),rt(this)))},he.prototype.forceUpdate=function(t){this.__v&&(this.__g|=4,t&&this.__h.push(t),rt(this))},he.prototype.render=ye,W=[],$e=0,it=function(t,e){return t.__v.__b-e.__v.__b},fe=Symbol(),lt=/(PointerCapture)$|Capture$/i,Ae=0,De={},an=0;var ie,E,Oe,mt,Re=Object.is,le=0,St=[],Be=[],C=x,$t=C.__b,gt=C.__r,vt=C.diffed,yt=C.__c,bt=C.unmount,kt=C.__;function je(t,e){C.__h&&C.__h(E,t,le||e),le=0;var n=E.__H||(E.__H={__:[],__h:[]});return t>=n.__.length&&n.__.push({}),n.__[t]}function k(t){return le=1,hn(Tt,t)}function hn(t,e,n){var s=je(ie++,2);if(s.t=t,!s.__c&&(s.__=[n?n(e):Tt(void 0,e),function(r){var a=(s.__N||s.__)[0],l=s.t(a,r);Re(a,l)||(s.__N=[l,s.__[1]],s.__c.setState({}))}],s.__c=E,!E.__f)){E.__f=!0;var o=E.shouldComponentUpdate;E.shouldComponentUpdate=function(r,a,l){var p=this.__H;if(!p)return!0;var v=!1,c=this.props!=r;if(p.__.some(function(h){h.__N&&(v=!0,Re(h.__[0],h.__N[0])||(c=!0))}),o){var $=o.call(this,r,a,l);return v?$||c:$}return!v||c}}return s.__}function A(t,e){var n=je(ie++,3);!C.__s&&Ct(n.__H,e)&&(n.__P=!0,n.__=t,n.u=e,E.__H.__h.push(n))}function V(t){return le=5,ce(function(){return{current:t}},[])}function ce(t,e){var n=je(ie++,7);return Ct(n.__H,e)&&(n.__=t(),n.__H=e),n.__}function ne(t,e){return le=8,ce(function(){return t},e)}function mn(){var t;do{for(;t=Be.shift();)try{ae(t)}catch(n){C.__e(n,{__:(t=t.__P)&&t.__v})}for(;t=St.shift();){var e=t.__H;if(t.__P&&e)try{e.__h.some(ae),e.__h.some(He),e.__h=[]}catch(n){e.__h=[],C.__e(n,t.__v)}}}while(Be.length)}C.__b=function(t){E=null,$t&&$t(t)},C.__=function(t,e){t&&e.__k&&e.__k.__m&&(t.__m=e.__k.__m),kt&&kt(t,e)},C.__r=function(t){gt&&gt(t),ie=0;var e=(E=t.__c).__H;e&&(Oe==E?E.__h=[]:(e.__h.some(ae),e.__h.some(He),ie=0),e.__h=[],e.__.some(function(n){n.__N&&(n.__=n.__N),n.u=n.__N=void 0})),Oe=E},C.diffed=function(t){vt&&vt(t);var e=t.__c;e&&e.__H&&(e.__H.__h.length&&xt(St.push(e)),e.__H.__.some(function(n){n.u&&(n.__H=n.u)})),Oe=E=null},C.__c=function(t,e){e.some(function(n){try{n.__h.some(ae),n.__h=n.__h.filter(function(s){return!s.__||He(s)})}catch(s){n.__h=[function(){throw s}]}}),yt&&yt(t,e)},C.unmount=function(t){bt&&bt(t);var e,n,s=t.__c;s&&s.__H&&(s.__H.__.some(function(o){try{if(o.__P&&o.__c){if(n===void 0){for(n=t.__;n&&(!n.__c||!n.__c.__P);)n=n.__;n=n&&n.__c}o.__P=n,xt(Be.push(o))}else ae(o)}catch(r){e=r}}),s.__H=void 0,e&&C.__e(e,s.__v))};var wt=typeof requestAnimationFrame=="function";function $n(t){var e,n=function(){clearTimeout(s),wt&&cancelAnimationFrame(e),setTimeout(t)},s=setTimeout(n,35);wt&&(e=requestAnimationFrame(n))}function xt(t){t!=1&&mt==C.requestAnimationFrame||((mt=C.requestAnimationFrame)||$n)(mn)}function ae(t){var e=E,n=t.__c;typeof n=="function"&&(t.__c=void 0,n()),E=e}function He(t){var e=E;t.__c=t.__(),E=e}function Ct(t,e){return!t||t.length!=e.length||e.some(function(n,s){return!Re(n,t[s])})}function Tt(t,e){return typeof e=="function"?e(t):e}var We="/api/plugins/kanban",O=class extends Error{status;code;constructor(e,n,s){super(s),this.status=e,this.code=n}};function Fe(){return new URLSearchParams(location.search).get("board")??""}function Ve(t){let e=Fe();return e?t+(t.includes("?")?"&":"?")+"board="+encodeURIComponent(e):t}async function N(t,e,n){let s;try{s=await fetch(We+Ve(e),{method:t,credentials:"same-origin",headers:n===void 0?{}:{"content-type":"application/json"},body:n===void 0?void 0:JSON.stringify(n)})}catch{throw new O(0,"offline","The gateway does not answer. Is it still running?")}let o=await s.text(),r=null;try{r=o?JSON.parse(o):null}catch{}if(!s.ok){let a=r;throw new O(s.status,a?.error?.code??"error",a?.detail??s.statusText)}return r}var gn={ok:0,failure:1,usage:2,interrupted:130},Ge=class extends Error{code;exitCode;httpStatus;constructor(e,n,s,o){super(e),this.name=new.target.name,this.code=n,this.exitCode=s,this.httpStatus=o}},G=class extends Ge{constructor(e,n="usage"){super(e,n,gn.usage,400)}};var Et=["triage","todo","ready","running","blocked","done","archived"];var qe=Et;function vn(t){return qe.includes(t)}function ze(t,e,n){let s=(o,r="invalid_move",a=409)=>({refused:!0,http:a,code:r,message:o});if(!vn(n))return s(`unknown status: ${n} (expected one of ${qe.join(", ")})`,"unknown_status",400);if(n==="running")return s("Cannot set status to 'running' directly: only the dispatcher starts tasks (move it to ready)","running_refused",400);if(e===n)return{kind:"noop"};if(e==="archived")return s(`${t} is archived; a status write never revives it \u2014 create a new task instead`,"terminal");if(e==="done")return n==="archived"?{kind:"archive"}:s(`${t} is done; a status write never reopens it \u2014 create a follow-up task instead`,"terminal");switch(n){case"archived":return{kind:"archive"};case"done":return e==="running"||e==="ready"||e==="blocked"?{kind:"complete"}:s(`cannot complete ${t}: it is ${e}; only ready, running or blocked tasks can be completed`);case"blocked":return e==="running"||e==="ready"?{kind:"block"}:s(`cannot block ${t}: it is ${e}; only ready or running tasks can be blocked`);case"ready":return e==="blocked"?{kind:"unblock"}:{kind:"direct",to:"ready"};case"todo":case"triage":return e==="running"?s(`cannot move ${t} to ${n} while it runs: move it to ready first (that stops its worker)`):{kind:"direct",to:n}}}function Mt(t,e){return qe.filter(n=>n===e?!1:!("refused"in ze(t,e,n)))}function ue(t){let e=Math.max(0,Math.floor(t));return e<60?`${e}s`:e<3600?`${Math.floor(e/60)}m ${String(e%60).padStart(2,"0")}s`:e<86400?`${Math.floor(e/3600)}h ${String(Math.floor(e%3600/60)).padStart(2,"0")}m`:`${Math.floor(e/86400)}d ${Math.floor(e%86400/3600)}h`}function Dt(t){if(t===null)return"";let e=Math.max(0,t);return e<60?"now":e<3600?`${Math.floor(e/60)}m`:e<86400?`${Math.floor(e/3600)}h`:`${Math.floor(e/86400)}d`}function Q(t){return t===null?"\u2014":new Date(t*1e3).toLocaleString()}var q={triage:"Triage",todo:"Todo",ready:"Ready",running:"In progress",blocked:"Blocked",done:"Done",archived:"Archived"},At={ready:[3600,86400],running:[600,3600],blocked:[3600,86400],todo:[7*86400,30*86400]};var Lt=function(t,e,n,s){var o;e[0]=0;for(var r=1;r<e.length;r++){var a=e[r++],l=e[r]?(e[0]|=a?1:2,n[e[r++]]):e[++r];a===3?s[0]=l:a===4?s[1]=Object.assign(s[1]||{},l):a===5?(s[1]=s[1]||{})[e[++r]]=l:a===6?s[1][e[++r]]+=l+"":a?(o=t.apply(l,Lt(t,l,n,["",null])),s.push(o),l[0]?e[0]|=2:(e[r-2]=0,e[r]=o)):s.push(l)}return s},Nt=new Map;function Pt(t){var e=Nt.get(this);return e||(e=new Map,Nt.set(this,e)),(e=Lt(this,e.get(t)||(e.set(t,e=function(n){for(var s,o,r=1,a="",l="",p=[0],v=function(h){r===1&&(h||(a=a.replace(/^\s*\n\s*|\s*\n\s*$/g,"")))?p.push(0,h,a):r===3&&(h||a)?(p.push(3,h,a),r=2):r===2&&a==="..."&&h?p.push(4,h,0):r===2&&a&&!h?p.push(5,0,!0,a):r>=5&&((a||!h&&r===5)&&(p.push(r,0,a,o),r=6),h&&(p.push(r,h,0,o),r=6)),a=""},c=0;c<n.length;c++){c&&(r===1&&v(),v(c));for(var $=0;$<n[c].length;$++)s=n[c][$],r===1?s==="<"?(v(),p=[p],r=3):a+=s:r===4?a==="--"&&s===">"?(r=1,a=""):a=s+a[0]:l?s===l?l="":a+=s:s==='"'||s==="'"?l=s:s===">"?(v(),r=1):r&&(s==="="?(r=5,o=a,a=""):s==="/"&&(r<5||n[c][$+1]===">")?(v(),r===3&&(p=p[0]),r=p,(p=p[0]).push(2,0,r),r=0):s===" "||s==="	"||s===`
`||s==="\r"?(v(),r=2):a+=s),r===3&&a==="!--"&&(r=4,p=p[0])}return v(),p}(t)),e),arguments,[])).length>1?e:e[0]}var _=Pt.bind(D);var Xe=t=>_`
    <svg class="icon-svg" width="13" height="13" viewBox="0 0 16 16" aria-hidden="true" fill="none"
      stroke="currentColor" stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round">
      <path d=${t} />
    </svg>
  `,It=()=>Xe("M2.5 3.5h11v7h-6l-3.5 3v-3h-1.5z"),Ut=()=>Xe("M4 2.5v4.5a2 2 0 0 0 2 2h4M10 6.5l2.5 2.5-2.5 2.5M4 13.5v-2"),Ot=()=>Xe("M3 8.5l3 3 7-7");var Rt=0;function Bt(t){Rt=t-Date.now()/1e3}function Ht(){return Date.now()/1e3+Rt}function yn({since:t}){let[,e]=k(0);return A(()=>{let n=setInterval(()=>e(s=>s+1),1e3);return()=>clearInterval(n)},[]),_`<span class="elapsed">${ue(Ht()-t)}</span>`}function bn(t){let e=At[t.status];if(!e)return"";let n=t.status==="running"&&t.run_started_at!==null?Ht()-t.run_started_at:t.age.created_age_seconds??0;return n>=e[1]?"stale-2":n>=e[0]?"stale-1":""}var B=null;function kn({card:t,onOpen:e,selected:n}){let s=t,o=s.link_counts.parents+s.link_counts.children;return _`
    <article
      class=${`card status-${s.status} ${bn(s)} ${n?"selected":""}`}
      tabindex="0"
      draggable="true"
      data-id=${s.id}
      aria-label=${`${s.title}, ${q[s.status]}`}
      onClick=${()=>e(s.id)}
      onKeyDown=${r=>{(r.key==="Enter"||r.key===" ")&&(r.preventDefault(),e(s.id))}}
      onDragStart=${r=>{B=s,r.dataTransfer?.setData("text/x-hermes-task",s.id),r.dataTransfer?.setData("text/plain",s.id),r.dataTransfer&&(r.dataTransfer.effectAllowed="move")}}
      onDragEnd=${()=>B=null}
    >
      <div class="card-top">
          <span class="card-id">${s.id}</span>
          ${s.priority!==0?_`<span class="pill prio" title="priority">P${s.priority}</span>`:null}
          ${s.tenant?_`<span class="pill tenant" title="tenant">${s.tenant}</span>`:null}
        </div>
      <div class="card-title">${s.title}</div>
      <div class="card-meta">
          ${s.status==="running"?_`<span class="running" title="running"><span class="pulse"></span>${s.run_started_at!==null?_`<${yn} since=${s.run_started_at} />`:"running"}</span>`:null}
          <span class=${s.assignee?"assignee":"assignee none"}>${s.assignee?`@${s.assignee}`:"unassigned"}</span>
          <span class="spacer"></span>
          ${o?_`<span class="meta-item" title=${`${s.link_counts.parents} parent(s), ${s.link_counts.children} child(ren)`}><${Ut} />${o}</span>`:null}
          ${s.progress?_`<span class="meta-item" title="children done"><${Ot} />${s.progress.done}/${s.progress.total}</span>`:null}
          ${s.comment_count?_`<span class="meta-item" title="comments"><${It} />${s.comment_count}</span>`:null}
          <span class="meta-item age" title="age">${Dt(s.age.created_age_seconds)}</span>
        </div>
    </article>
  `}var Je=60;function wn({name:t,cards:e,onOpen:n,onMove:s,selected:o}){let[r,a]=k(Je),[l,p]=k(""),[v,c]=k("");return _`
    <section
      class=${`column col-${t} ${l?`drop-${l}`:""}`}
      data-status=${t}
      onDragOver=${$=>{if(!B||B.status===t)return;let h=ze(B.id,B.status,t);if("refused"in h){p("no"),c(h.message);return}$.preventDefault(),p("ok")}}
      onDragLeave=${()=>{p(""),c("")}}
      onDrop=${$=>{$.preventDefault(),p(""),c(""),B&&B.status!==t&&s(B,t),B=null}}
    >
        <header class="column-head">
          <span class=${`dot dot-${t}`}></span>
          <h2>${q[t]}</h2>
          <span class="count">${e.length}</span>
        </header>
        ${l==="no"?_`<div class="drop-why" role="status">${v}</div>`:null}
        <div class="cards">
          ${e.slice(0,r).map($=>_`<${kn} key=${$.id} card=${$} onOpen=${n} selected=${o===$.id} />`)}
          ${e.length>r?_`<button class="more" onClick=${()=>a(r+Je)}>Show ${Math.min(Je,e.length-r)} more of ${e.length-r}</button>`:null}
          ${e.length===0?_`<div class="empty">No tasks</div>`:null}
        </div>
      </section>
  `}function jt({columns:t,onOpen:e,onMove:n,selected:s}){return _`<div class="board">
    ${t.map(o=>_`
        <${wn} key=${o.name} name=${o.name} cards=${o.tasks} onOpen=${e}
          onMove=${n} selected=${s} />
      `)}
  </div>`}function Wt(t,e){return Mt(t,e)}var ss=1024*1024;var rs=1024*1024;var os=new TextEncoder;var xn=/^(\d+)\s*([smhd]?)$/i,Sn={"":1,s:1,m:60,h:3600,d:86400};function Ft(t,e){let n=xn.exec(e.trim());if(!n)throw new G(`${t}: malformed duration '${e}' (use 300, 90s, 30m, 2h or 1d)`,"invalid_duration");let s=Number(n[1])*Sn[n[2].toLowerCase()];if(s>Cn)throw new G(`${t}: '${e}' is too long (at most 100 years)`,"invalid_duration");return s}var Cn=100*365*86400;function Vt({title:t,onClose:e,children:n}){let s=V(null);return A(()=>{(s.current?.querySelector("input, textarea, select")??s.current?.querySelector("button[type=submit]"))?.focus();let r=a=>{a.key==="Escape"&&(a.stopPropagation(),e())};return addEventListener("keydown",r,!0),()=>removeEventListener("keydown",r,!0)},[]),_`
    <div class="backdrop" onClick=${o=>o.target===o.currentTarget&&e()}>
      <div class="modal" role="dialog" aria-modal="true" aria-label=${t} ref=${s}>
          <h2>${t}</h2>
          ${n}
        </div>
    </div>
  `}function Gt({req:t,onClose:e}){let[n,s]=k("");return _`
    <${Vt} title=${t.title} onClose=${e}>
      <form onSubmit=${o=>{o.preventDefault(),t.onConfirm(n),e()}}>
          <p>${t.text}</p>
          ${t.reason?_`<label>Reason<input name="reason" value=${n} onInput=${o=>s(o.target.value)} placeholder="what is needed to go on" /></label>`:null}
          <div class="actions">
            <button type="button" class="ghost" onClick=${e}>Cancel</button>
            <button type="submit" class="primary">${t.action}</button>
          </div>
        </form>
      <//>
  `}function qt({assignees:t,tenants:e,defaultTenant:n,onClose:s,onCreated:o}){let[r,a]=k(null),[l,p]=k(!1),[v,c]=k("scratch");return _`
    <${Vt} title="New task" onClose=${s}>
      <form class="create" onSubmit=${async h=>{h.preventDefault();let i=new FormData(h.target),m=u=>String(i.get(u)??"").trim(),f={title:m("title"),body:m("body")||null,assignee:m("assignee")||null,tenant:m("tenant")||null,priority:m("priority")?Number(m("priority")):0,triage:i.get("triage")==="on",workspace_kind:v,workspace_path:v==="dir"&&m("workspace_path")||null,parents:m("parents").split(/[\s,]+/).filter(Boolean),skills:m("skills")?m("skills").split(",").map(u=>u.trim()).filter(Boolean):null,idempotency_key:m("idempotency_key")||null,created_by:m("created_by")||null};if(m("max_runtime"))try{f.max_runtime_seconds=Ft("Max runtime",m("max_runtime"))}catch(u){if(!(u instanceof G))throw u;a(u.message);return}if(m("max_retries")&&(f.max_retries=Number(m("max_retries"))),!Number.isInteger(f.priority)){a("Priority must be a whole number");return}p(!0);try{let u=await N("POST","/tasks",f);o(u.task,u.warning??null),s()}catch(u){a(u instanceof O?u.message:String(u))}finally{p(!1)}}}>
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
          ${r?_`<div class="form-error wide" role="alert">${r}</div>`:null}
          <div class="actions wide">
            <button type="button" class="ghost" onClick=${s}>Cancel</button>
            <button type="submit" class="primary" disabled=${l}>Create task</button>
          </div>
        </form>
      <//>
  `}function zt(t){let e;try{e=new URL(t)}catch{return null}return e.protocol==="http:"||e.protocol==="https:"||e.protocol==="mailto:"?e.href:null}var Tn=/(`+)([\s\S]*?[^`])\1(?!`)|\*\*([\s\S]+?)\*\*|~~([\s\S]+?)~~|\*([^*\s](?:[^*]*[^*\s])?)\*|\[([^\]\n]+)\]\(([^)\s]+)\)|(https?:\/\/[^\s<>()]+[^\s<>().,;:!?'"])/g;function Z(t,e=0){if(e>4)return[t];let n=[],s=0;for(let o of t.matchAll(Tn)){let r=o.index??0;if(r>s&&n.push(t.slice(s,r)),s=r+o[0].length,o[1]!==void 0)n.push(D("code",null,o[2]));else if(o[3]!==void 0)n.push(D("strong",null,...Z(o[3],e+1)));else if(o[4]!==void 0)n.push(D("del",null,...Z(o[4],e+1)));else if(o[5]!==void 0)n.push(D("em",null,...Z(o[5],e+1)));else if(o[6]!==void 0){let a=zt(o[7]);n.push(a?D("a",{href:a,target:"_blank",rel:"noopener noreferrer nofollow"},...Z(o[6],e+1)):o[0])}else if(o[8]!==void 0){let a=zt(o[8]);n.push(a?D("a",{href:a,target:"_blank",rel:"noopener noreferrer nofollow"},o[8]):o[8])}}return s<t.length&&n.push(t.slice(s)),n}var Xt=/^\s*(```|~~~)(.*)$/,Jt=/^(#{1,6})\s+(.*?)\s*#*\s*$/,Kt=/^\s*([-*_])(\s*\1){2,}\s*$/,Ke=/^\s*[-*+]\s+(.*)$/,Ye=/^\s*(\d{1,9})[.)]\s+(.*)$/,be=/^\s*>\s?(.*)$/;function de(t,e=0){let n=t.replace(/\r\n?/g,`
`).split(`
`),s=[],o=0;for(;o<n.length;){let r=n[o];if(r.trim()===""){o++;continue}let a=Xt.exec(r);if(a){let c=[];for(o++;o<n.length&&!n[o].trimStart().startsWith(a[1]);)c.push(n[o++]);o++;let $=a[2].trim().split(/\s+/)[0];s.push(D("pre",$?{"data-lang":$}:null,D("code",null,c.join(`
`))));continue}let l=Jt.exec(r);if(l){s.push(D(`h${Math.min(6,l[1].length+2)}`,null,...Z(l[2]))),o++;continue}if(Kt.test(r)){s.push(D("hr",null)),o++;continue}if(be.test(r)){let c=[];for(;o<n.length&&be.test(n[o]);)c.push(be.exec(n[o++])[1]);s.push(D("blockquote",null,...e<3?de(c.join(`
`),e+1):[c.join(`
`)]));continue}let p=Ye.exec(r);if(Ke.test(r)||p){let c=p?Ye:Ke,$=[];for(;o<n.length&&c.test(n[o]);){let i=c.exec(n[o++]),m=p?i[2]:i[1];for(;o<n.length&&/^\s{2,}\S/.test(n[o])&&!c.test(n[o]);)m+=" "+n[o++].trim();$.push(Z(m))}let h=p?Number(p[1]):1;s.push(D(p?"ol":"ul",p&&h!==1?{start:h}:null,...$.map(i=>D("li",null,...i))));continue}let v=[];for(;o<n.length&&n[o].trim()!==""&&!Xt.test(n[o])&&!Jt.test(n[o])&&!be.test(n[o])&&!Ke.test(n[o])&&!Ye.test(n[o])&&!Kt.test(n[o]);)v.push(n[o++].trim());s.push(D("p",null,...Z(v.join(" "))))}return s}function En({taskId:t,run:e,version:n}){let[s,o]=k(null),r=V(null);return A(()=>{N("GET",`/tasks/${t}/log?run=${e.id}&tail=65536`).then(o).catch(a=>o({content:String(a.message),exists:!1,truncated:!1}))},[t,e.id,n]),A(()=>{r.current&&(r.current.scrollTop=r.current.scrollHeight)},[s]),s?s.exists?_`<pre class="log" ref=${r}>${s.truncated?`\u2026
`:""}${s.content||"(empty)"}</pre>`:_`<div class="muted">No log for this run.</div>`:_`<div class="muted">Loading log…</div>`}function Mn({taskId:t,run:e,version:n}){let[s,o]=k(e.ended_at===null),r=(e.ended_at??Date.now()/1e3)-e.started_at;return _`<li class="run">
    <div class="run-head">
      <span class=${`pill run-${e.status}`}>${e.status}</span>
      <span>#${e.id}</span>
      ${e.profile?_`<span class="muted">@${e.profile}</span>`:null}
      <span class="muted">${Q(e.started_at)} · ${ue(r)}</span>
      ${e.exit_code!==null?_`<span class="muted">exit ${e.exit_code}</span>`:null}
      <span class="spacer"></span>
      <button class="link" onClick=${()=>o(!s)} aria-expanded=${s}>${s?"Hide log":"Show log"}</button>
    </div>
    ${e.summary?_`<div class="run-text">${e.summary}</div>`:null}
    ${e.error?_`<div class="run-text error-text">${e.error}</div>`:null}
    ${s?_`<${En} taskId=${t} run=${e} version=${n} />`:null}
  </li>`}function Yt({title:t,refs:e,onOpen:n}){return _`<div class="refs">
    <h3>${t}</h3>
    ${e.length===0?_`<div class="muted">None</div>`:_`<ul>${e.map(s=>_`<li><button class="ref" onClick=${()=>n(s.id)}>
            <span class=${`dot dot-${s.status}`}></span><span class="ref-title">${s.title}</span>
            <span class="muted">${s.id} · ${s.status}</span></button></li>`)}</ul>`}
  </div>`}function Dn(t){let e=t.payload??{};return Object.entries(e).filter(([,s])=>s!==null&&s!==""&&!(Array.isArray(s)&&s.length===0)).map(([s,o])=>`${s}=${typeof o=="string"?o:JSON.stringify(o)}`).join(" ")}function Qt({id:t,version:e,markdown:n,onClose:s,onOpen:o,onMove:r,onError:a}){let[l,p]=k(null),[v,c]=k(null),[$,h]=k(""),i=V(null);A(()=>{let u=!0;return N("GET",`/tasks/${t}`).then(y=>{u&&(p(y),c(null))}).catch(y=>u&&c(y instanceof O?y.message:String(y))),()=>{u=!1}},[t,e]),A(()=>{i.current?.focus()},[t]);let m=async u=>{if(u.preventDefault(),!!$.trim())try{await N("POST",`/tasks/${t}/comments`,{body:$}),h("");let y=await N("GET",`/tasks/${t}`);p(y)}catch(y){a(y instanceof O?y.message:String(y))}},f=l?.task;return _`<aside class="drawer" tabindex="-1" ref=${i} aria-label="Task details">
    <div class="drawer-head">
      <span class="card-id">${t}</span>
      <span class="spacer"></span>
      <button class="icon" onClick=${s} aria-label="Close" title="Close (Esc)">✕</button>
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
          ${Wt(f.id,f.status).map(u=>_`<button class=${`move move-${u}`} onClick=${()=>r(f,u)}>${u==="archived"?"Archive":`\u2192 ${q[u]}`}</button>`)}
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
            ${[...l.events].reverse().slice(0,50).map(u=>_`<li><span class="ev-kind">${u.kind}</span><span class="ev-text">${Dn(u)}</span><span class="muted">${Q(u.created_at)}</span></li>`)}
          </ol>
        </section>
      </div>
    `:v?null:_`<div class="muted pad">Loading…</div>`}
  </aside>`}var ke=210,se=52,Qe=70,Ze=18,Zt=400;function An(t,e){let n=new Map(t.map(i=>[i.id,i])),s=e.filter(i=>n.has(i.parent_id)&&n.has(i.child_id)),r=[...new Set(s.flatMap(i=>[i.parent_id,i.child_id]))].slice(0,Zt),a=new Set(r),l=new Map;for(let i of s)!a.has(i.parent_id)||!a.has(i.child_id)||l.set(i.child_id,[...l.get(i.child_id)??[],i.parent_id]);let p=new Map,v=(i,m=0)=>{let f=p.get(i);if(f!==void 0)return f;if(m>Zt)return 0;let u=l.get(i)??[],y=u.length?1+Math.max(...u.map(b=>v(b,m+1))):0;return p.set(i,y),y},c=[];for(let i of r)(c[v(i)]??=[]).push(i);let $=new Map;c.forEach((i,m)=>{i.sort((f,u)=>n.get(f).created_at-n.get(u).created_at),i.forEach((f,u)=>{$.set(f,{card:n.get(f),x:20+m*(ke+Qe),y:20+u*(se+Ze)})})});let h=Math.max(0,...c.map(i=>i.length));return{nodes:[...$.values()],edges:s.filter(i=>$.has(i.parent_id)&&$.has(i.child_id)).map(i=>[$.get(i.parent_id),$.get(i.child_id)]),width:40+c.length*(ke+Qe)-Qe,height:40+h*(se+Ze)-Ze}}function en(t,e){return t.length>e?t.slice(0,e-1)+"\u2026":t}function tn({cards:t,version:e,onOpen:n}){let[s,o]=k(null);if(A(()=>{N("GET","/links").then(a=>o(a.links)).catch(()=>o([]))},[e]),!s)return _`<div class="muted pad">Loading…</div>`;let r=An(t,s);return r.nodes.length===0?_`
      <div class="graph-empty">
        <p>No dependencies among these tasks yet.</p>
        <p
          class="muted">Give a task a parent (in the create form, or <code>hermes kanban link</code>) to see the graph.</p>
      </div>
    `:_`
    <div class="graph-wrap">
      <svg class="graph" width=${r.width} height=${r.height} viewBox=${`0 0 ${r.width} ${r.height}`} role="img"
        aria-label="Dependency graph">
          <defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" class="arrow" /></marker></defs>
          ${r.edges.map(([a,l])=>{let p=a.x+ke,v=a.y+se/2,c=l.x,$=l.y+se/2,h=(p+c)/2;return _`<path class="edge" d=${`M ${p} ${v} C ${h} ${v}, ${h} ${$}, ${c-2} ${$}`} marker-end="url(#arrow)" />`})}
          ${r.nodes.map(a=>_`
              <g class=${`node st-${a.card.status}`} transform=${`translate(${a.x},${a.y})`} tabindex="0" role="button"
                aria-label=${a.card.title} onClick=${()=>n(a.card.id)}
                onKeyDown=${l=>l.key==="Enter"&&n(a.card.id)}>
                <rect width=${ke} height=${se} rx="10" />
                <rect class="bar" width="5" height=${se} rx="2" />
                <text x="14" y="21" class="node-title">${en(a.card.title,26)}</text>
                <text x="14" y="39" class="node-meta">${a.card.id} · ${a.card.status}${a.card.assignee?` \xB7 @${en(a.card.assignee,12)}`:""}</text>
              </g>
            `)}
        </svg>
    </div>
  `}var Nn=0;function nn(){let t=/^#(t_[0-9a-f]{8})$/.exec(location.hash);return t?t[1]:null}function Ln(t,e){if(e.assignee==="-"&&t.assignee!==null||e.assignee&&e.assignee!=="-"&&t.assignee!==e.assignee||e.tenant&&t.tenant!==e.tenant)return!1;if(e.text){let n=e.text.toLowerCase();if(!`${t.id} ${t.title} ${t.assignee??""} ${t.body??""}`.toLowerCase().includes(n))return!1}return!0}function sn(){let[t,e]=k(null),[n,s]=k(null),[o,r]=k("ok"),[a,l]=k(null),[p,v]=k([]),[c,$]=k(nn()),[h,i]=k(0),[m,f]=k(0),[u,y]=k("board"),[b,S]=k(!1),[w,ee]=k(null),[z,H]=k("connecting"),[M,X]=k({assignee:"",tenant:"",text:""}),[I,R]=k(!1),[U,L]=k([]),et=V(null),we=V(c);we.current=c;let j=ne((d,g)=>{let T={id:++Nn,kind:d,text:g};v(P=>[...P.slice(-3),T]),d==="info"&&setTimeout(()=>v(P=>P.filter(_e=>_e.id!==T.id)),4e3)},[]),J=ne(async()=>{try{let d=await N("GET",`/board?include_archived=${I}`);Bt(d.now),e(d),l(null),f(g=>g+1)}catch(d){d instanceof O&&d.status===401?r("missing"):l(d instanceof Error?d.message:String(d))}},[I]);A(()=>{J()},[J]),A(()=>{N("GET","/config").then(d=>{s(d),d.default_tenant&&X(g=>({...g,tenant:g.tenant||d.default_tenant})),d.include_archived_by_default&&R(!0)}).catch(()=>{}),N("GET","/boards").then(d=>L(d.boards.filter(g=>g.exists).map(g=>g.name))).catch(()=>{})},[]);let tt=t!==null;A(()=>{if(!tt||o!=="ok")return;let d,g=()=>{clearTimeout(d),d=setTimeout(J,120)},T=new EventSource(`${We}${Ve(`/events?since=${t.latest_event_id}`)}`);return T.onopen=()=>H("live"),T.onerror=()=>H(T.readyState===EventSource.CLOSED?"offline":"connecting"),T.onmessage=P=>{H("live"),JSON.parse(P.data).events.some(Ee=>Ee.task_id===we.current)&&i(Ee=>Ee+1),g()},T.addEventListener("reset",g),()=>{clearTimeout(d),T.close()}},[tt,o,J]),A(()=>{let d=()=>$(nn());return addEventListener("hashchange",d),()=>removeEventListener("hashchange",d)},[]);let te=ne(d=>{$(d),history.replaceState(null,"",d?`#${d}`:location.pathname+location.search)},[]),xe=ne(async(d,g,T="")=>{try{await N("PATCH",`/tasks/${d.id}`,{status:g,...g==="blocked"&&T?{block_reason:T}:{}}),j("info",`${d.id} moved to ${q[g]}`),i(P=>P+1),J()}catch(P){j("error",`Cannot move '${d.title}': ${P instanceof Error?P.message:P}`)}},[J,j]),nt=ne((d,g)=>{if(g==="done"||g==="archived"||g==="blocked"){ee({title:g==="done"?"Complete task?":g==="archived"?"Archive task?":"Block task?",text:g==="done"?`Mark '${d.title}' as done. Its children whose parents are all done become ready.`:g==="archived"?`Archive '${d.title}'. A running worker is stopped.`:`Block '${d.title}' until someone unblocks it. A running worker is stopped.`,action:g==="done"?"Complete":g==="archived"?"Archive":"Block",reason:g==="blocked",onConfirm:T=>xe(d,g,T)});return}xe(d,g)},[xe]),rn=async()=>{try{let d=await N("POST","/dispatch?max=8"),g=Array.isArray(d.spawned)?d.spawned.length:d.spawned??0;j("info",`Dispatcher ran: ${g} spawned`)}catch(d){j("error",d instanceof Error?d.message:String(d))}};A(()=>{let d=g=>{let T=g.target,P=["INPUT","TEXTAREA","SELECT"].includes(T.tagName);if(g.key==="Escape"&&!b&&!w){P?T.blur():we.current&&te(null);return}P||g.ctrlKey||g.metaKey||g.altKey||b||w||(g.key==="n"?(g.preventDefault(),S(!0)):g.key==="/"?(g.preventDefault(),et.current?.focus()):g.key==="g"&&y(_e=>_e==="board"?"graph":"board"))};return addEventListener("keydown",d),()=>removeEventListener("keydown",d)},[b,w,te]);let Se=ce(()=>t?t.columns.map(d=>({name:d.name,tasks:d.tasks.filter(g=>Ln(g,M))})):[],[t,M]),Ce=ce(()=>Se.flatMap(d=>d.tasks),[Se]);if(o==="missing")return _`
      <div class="auth">
        <h1>hermes</h1>
        <p>This board needs its access token.</p>
        <p>Open the address that <code>hermes gateway start</code> or <code>hermes gateway status</code> prints — it ends in <code>?token=…</code>.</p>
      </div>
    `;let Te=t?t.columns.reduce((d,g)=>d+g.tasks.length,0):0,st=n&&!n.dispatcher.running;return _`<div class=${`app ${c?"with-drawer":""}`}>
    <header class="topbar">
      <div class="brand"><span class="logo" aria-hidden="true"></span>hermes</div>
      ${U.length>1?_`
        <select class="board-pick" aria-label="Board" value=${Fe()||"default"}
          onChange=${d=>{let g=d.target.value;location.search=g==="default"?"":`?board=${encodeURIComponent(g)}`}}>${U.map(d=>_`<option value=${d}>${d}</option>`)}</select>
      `:_`<span class="board-name">${t?.board??""}</span>`}
      <span class=${`live live-${z}`} title=${z==="live"?"Live updates on":"Reconnecting\u2026"}>
        <span class="live-dot"></span>${z==="live"?"Live":z==="connecting"?"Connecting":"Offline"}
      </span>
      ${n?_`<span class=${`disp ${st?"off":"on"}`} title=${n.dispatcher.message||"dispatcher running"}>
          Dispatcher ${st?"off":"on"}</span>`:null}
      <span class="spacer"></span>
      <div class="view-toggle" role="tablist">
        <button role="tab" aria-selected=${u==="board"} class=${u==="board"?"on":""} onClick=${()=>y("board")}>Board</button>
        <button role="tab" aria-selected=${u==="graph"} class=${u==="graph"?"on":""} onClick=${()=>y("graph")}>Graph</button>
      </div>
      <button class="ghost" onClick=${rn} title="Run the dispatcher once now">Nudge dispatcher</button>
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
      <label class="check"><input type="checkbox" checked=${I} onChange=${d=>R(d.target.checked)} /> Archived</label>
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
  </div>`}ht(_`<${sn} />`,document.getElementById("app"));
