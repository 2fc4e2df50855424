var x,rt,sn,F,Ee,me,at,pe,ot,De,Me,rn,re=Symbol.for("pv"),$e={},ge=[],an=/^m(i|n|o|s|text|space)$/,Le=Array.isArray,Ae=ge.slice,X=Object.assign;function J(t){t&&t.parentNode&&t.remove()}function D(t,e,n){var s,a,r,o={},l=arguments.length;for(r in e)r=="key"?s=e[r]:r=="ref"&&typeof t!="function"?a=e[r]:o[r]=e[r];return l>2&&(o.children=l>3?Ae.call(arguments,2):n),se(t,o,s,a,null)}function se(t,e,n,s,a){var r={type:t,props:e,key:n,ref:s,__k:null,__:null,__b:0,__e:null,__c:null,constructor:re,__v:a||++rt,__i:-1,__u:0};return!a&&x.vnode&&x.vnode(r),r}function ve(t){return t.children}function fe(t,e){this.props=t,this.context=e,this.__g=0}function j(t,e){if(e==null)return t.__&&j(t.__,t.__i+1);for(var n;e<t.__k.length;e++)if((n=t.__k[e])&&n.__e)return n.__e;return typeof t.type!="function"||t.props.__P?null:j(t)}function on(t){var e,n=t.__v,s=n.__e,a=[],r=[],o=t.__P;o&&((e=X({constructor:re},n)).__v=n.__v+1,x.vnode&&x.vnode(e),Ne(o,e,n,t.__n,o.namespaceURI,32&n.__u?[s]:null,a,s||j(n),32&n.__u,r),e.__v=n.__v,e.__.__k[e.__i]=e,dt(a,e,r),n.__=n.__e=null,e.__e!=s&&it(e))}function it(t){if((t=t.__)&&t.__c&&!t.props.__P)return t.__e=null,t.__k.some(function(e){return e&&(t.__e=e.__e)}),it(t)}function nt(t){(8&t.__g||(t.__g|=8,F.push(t),me++))&&Ee==x.debounceRendering||((Ee=x.debounceRendering)||queueMicrotask)(lt)}function lt(){try{for(var t,e=1;F.length;)F.length>e&&F.sort(at),t=F.shift(),e=F.length,8&t.__g&&on(t)}finally{(me=F.length)&&(Ee||queueMicrotask)(lt)}}function ct(t,e,n,s,a,r,o,l,p,v,c){var $,h,i,m,f,u,y=s.__k||ge,k=e.length;for(p=ln(n,e,y,p,k),$=0;$<k;$++)(i=n.__k[$])!=null&&(h=~i.__i&&y[i.__i]||$e,i.__i=$,u=Ne(t,i,h,a,r,o,l,p,v,c),m=i.__e,(h.ref!=i.ref||8&h.__u)&&(h.ref&&Pe(h.ref,null,i,h),i.ref&&c.push(i.ref,i.__c||m,i)),f=f||m,4&i.__u?(p=ut(i,p,t,!h.__v),h.__e&&(h.__e=null)):typeof i.type=="function"&&u!==void 0?p=u:m&&(p=m.nextSibling),i.__u&=-21);return n.__e=f,p}function ln(t,e,n,s,a){var r,o,l,p,v,c,$,h,i,m=n.length,f=m,u=0,y=0,k=t.__k=Array(a);for(r=0;r<a;r++)(o=e[r])!=null&&typeof o!="boolean"&&typeof o!="function"?(typeof o!="object"||o.constructor===String?o=k[r]=se(null,o):Le(o)?o=k[r]=se(ve,{children:o}):o.constructor===re&&o.__b?o=k[r]=se(o.type,o.props,o.key,o.ref,o.__v):k[r]=o,p=r+u,o.__=t,o.__b=t.__b+1,l=null,~(v=o.__i=cn(o,n,p,f))&&(f--,(l=n[v])&&(l.__u|=2)),l&&l.__v?(o.__u|=16,v==p-1?u--:v==p+1?u++:v!=p&&(v>p?u--:u++,y=1)):(~v||(a>m?u--:a<m&&u++),typeof o.type!="function"&&(o.__u|=4))):k[r]=null;if(y){for(c=[],$=[],r=0;r<a;r++)if((o=k[r])&&16&o.__u){for(u=0,h=c.length;u<h;)c[i=u+h>>1]<o.__i?u=i+1:h=i;c[u]=o.__i,$[r]=u+1}for(u=c.length;r--;)$[r]&&($[r]==u?u--:k[r].__u|=4)}if(f)for(r=0;r<m;r++)!(l=n[r])||2&l.__u||(l.__e==s&&(s=j(l)),Ie(l,l));return s}function ut(t,e,n,s){var a,r,o,l;if(typeof t.type=="function"){if(t.props.__P)return e;if(a=t.__k)for(r=0;r<a.length;r++)a[r]&&(a[r].__=t,e=ut(a[r],e,n,!1));return e}for(e&&!e.parentNode&&(e=j(t))&&!e.parentNode&&(e=null),o=t.__e,l=e;l&&l.nodeType==8;)l=l.nextSibling;for(o!=l&&(!s&&n.moveBefore&&o.parentNode?n.moveBefore(o,e):n.insertBefore(o,e||null)),e=o;(e=e&&e.nextSibling)&&e.nodeType==8&&!e.data.startsWith("$s"););return e}function cn(t,e,n,s){var a,r=t.key,o=t.type,l=e[n],p=l&&!(2&l.__u);if(l===null&&r==null||p&&r==l.key&&o==l.type)return n;if(s>(p?1:0)){for(a=n-1;a>=0;a--)if((l=e[a])&&!(2&l.__u)&&r==l.key&&o==l.type)return a;for(a=n+1;a<e.length;a++)if((l=e[a])&&!(2&l.__u)&&r==l.key&&o==l.type)return a}return-1}function st(t,e,n){n==null&&(n=""),e[0]=="-"?t.setProperty(e,n):t[e]=n}function de(t,e,n,s,a){var r,o;if(e=="style")if(typeof n=="string")t.style.cssText=n;else{if(typeof s=="string"&&(t.style.cssText=s=""),s)for(e in s)n&&e in n||st(t.style,e);if(n)for(e in n)s&&n[e]==s[e]||st(t.style,e,n[e])}else if(e[0]=="o"&&e[1]=="n")typeof n!="function"&&(n=null),typeof s!="function"&&(s=null),(t.__e||(t.__e={}))[e]=n,n&&s||(o=Me[e]||(Me[e]=un(e)),(t.__a||(t.__a={}))[e]=De,r=e!=(e=e.replace(ot,"$1")),(e=e.slice(2))[0]<"a"&&(e=e.toLowerCase()),n?t.addEventListener(e,o,r):t.removeEventListener(e,o,r));else{if(a=="http://www.w3.org/2000/svg")e=e.replace(/xlink(H|:h)/,"h").replace(/sName$/,"s");else if(e!="width"&&e!="height"&&e!="href"&&e!="list"&&e!="form"&&e!="tabIndex"&&e!="download"&&e!="rowSpan"&&e!="colSpan"&&e!="role"&&e!="popover"&&e in t)try{return void(t[e]=n??"")}catch{}if(typeof n=="function")return;n==null||n===!1&&e[4]!="-"?t.removeAttribute(e):t.setAttribute(e,e=="popover"&&n==1?"":n)}}function un(t){return function(e){var n=this.__e;if(n){if(n=n[t],e[pe]==null)e[pe]=De++;else if(e[pe]<this.__a[t])return;return n(x.event?x.event(e):e)}}}function Ne(t,e,n,s,a,r,o,l,p,v){var c,$,h,i,m,f,u,y,k,C,w,Z,q,B,M,K,I,O,U=e.type;if(e.constructor!==re)return null;128&n.__u&&(p=32&n.__u,c=n.__c.__z)&&(e.__u|=p,$=r=[],c.nodeType==8?l=he(c,r):r.push(c),l=r[0]||l),(c=x.__b)&&c(e);e:if(typeof U=="function"){h=o.length;try{if(y=e.props,k=(c=U.prototype)&&c.render,C=(c=U.contextType)&&s[c.__c],w=c?C?C.props.value:c.__:s,(i=n.__c)?(e.__c=i,2&i.__g&&(i.__g|=1)):(k?e.__c=i=new U(y,w):(e.__c=i=new fe(y,w),i.constructor=U,i.render=dn),C&&C.sub(i),i.state||(i.state={}),i.__n=s,i.__g|=8,i.__h=[],i.__k=[]),k&&(i.__s||(i.__s=i.state),U.getDerivedStateFromProps&&(i.__s==i.state&&(i.__s=X({},i.__s)),X(i.__s,U.getDerivedStateFromProps(y,i.__s)))),m=i.props,f=i.state,i.__v=e,n.__c){if(y!==m&&k&&!U.getDerivedStateFromProps&&i.componentWillReceiveProps&&i.componentWillReceiveProps(y,w),e.__v==n.__v&&!(8&i.__g)||!(4&i.__g)&&i.shouldComponentUpdate&&i.shouldComponentUpdate(y,i.__s,w)===!1){e.__v!=n.__v&&(i.props=y,i.state=i.__s,i.__g&=-9),e.__e=n.__e,e.__k=n.__k,e.__k.some(function(N){N&&(N.__=e)}),ge.push.apply(i.__h,i.__k),i.__k=[],i.__h.length&&o.push(i),l=j(n);break e}i.componentWillUpdate&&i.componentWillUpdate(y,i.__s,w),k&&i.componentDidUpdate&&i.__h.push(function(){i.componentDidUpdate(m,f,u)})}else k&&!U.getDerivedStateFromProps&&i.componentWillMount&&i.componentWillMount(),k&&i.componentDidMount&&i.__h.push(i.componentDidMount);i.context=w,i.props=y,i.__P=t,i.__g&=-5,Z=x.__r,q=k?25:0;do i.__g&=-9,Z&&Z(e),c=i.render(i.props,i.state=i.__s,i.context);while(8&i.__g&&++q<25);k&&(ge.push.apply(i.__h,i.__k),i.__k=[]),i.state=i.__s,i.getChildContext&&(s=X({},s,i.getChildContext())),k&&n.__c&&i.getSnapshotBeforeUpdate&&(u=i.getSnapshotBeforeUpdate(m,f)),B=c&&c.type===ve&&c.key==null?c.props.children:c,y.__P&&(c=l,a=(t=y.__P).namespaceURI,p=r=null,n.props&&n.props.__P!=t&&(n.__k.some(function(N){N&&Ie(N,N)}),n.__k=null),l=n.__k?j(n,0):null),l=ct(t,Le(B)?B:[B],e,n,s,a,r,o,l,p,v),y.__P&&(e.__e=null,l=c),e.__u&=-161,$&&$.some(J),i.__h.length&&o.push(i),1&i.__g&&(i.__g&=-4)}catch(N){if(o.length=h,e.__v=null,p||r)if(N&&N.then){if(e.__u|=128|p,r){for(~(I=r.indexOf(l||void 0))||(I=r.length);(O=r[I-1])&&O.nodeType==8;)I--;for(;I<r.length;I++)if(O=r[I])if(r[I]=null,M){if(O==K)break}else{if(O.nodeType!=8)break;O.data.startsWith("$s")&&(K=he(M=O))}}if(!M){for(;l&&l.nodeType==8&&l.nextSibling;)l=l.nextSibling;M=l}(c=he(M=e.__c.__z||(e.__c.__z=M)))?(e.__e=M,l=c):e.__e=l,l=l&&l.nextSibling}else r&&r.some(J);else e.__e=n.__e;e.__k||(e.__k=n.__k||[]),N&&N.then||_t(e),x.__e(N,e,n)}}else l=e.__e=_n(n.__e,e,n,s,a,r,o,p,v,t);return(c=x.diffed)&&c(e),l}function he(t,e){if(t&&t.nodeType==8&&t.data.startsWith("$s"))for(var n=1;t=t.nextSibling;){if(t.nodeType==8){if(t.data.startsWith("$s"))n++;else if(t.data.startsWith("/$s")&&!--n)return t}e&&e.push(t)}}function _t(t){t&&(t.__c&&(t.__c.__g|=4),t.__k&&t.__k.some(_t))}function dt(t,e,n){for(var s=0;s<n.length;)Pe(n[s++],n[s++],n[s++]);x.__c&&x.__c(e,t),t.some(function(a){try{t=a.__h,a.__h=[],t.some(function(r){r.call(a)})}catch(r){x.__e(r,a.__v)}})}function _n(t,e,n,s,a,r,o,l,p,v){var c,$,h,i,m,f,u,y,k=n.props||$e,C=e.props,w=e.type;if(w=="svg"?a="http://www.w3.org/2000/svg":w=="math"?a="http://www.w3.org/1998/Math/MathML":a||(a="http://www.w3.org/1999/xhtml"),r){for(c=0;c<r.length;c++)if((m=r[c])&&(w?m.localName==w:m.nodeType==3)){t=m,r[c]=null;break}}if(!t){if(y=v.ownerDocument||document,!w)return y.createTextNode(C);t=y.createElementNS(a,w,C.is?C:v),l&&(x.__m&&x.__m(e,r),l=!1),r=null}if(w){if(v=w=="template"&&t.content||t,r=w=="textarea"&&C.defaultValue!=null?null:r&&Ae.call(v.childNodes),!l&&r)for(k={},c=0;c<t.attributes.length;c++)k[(m=t.attributes[c]).name]=m.value;for(c in k)m=k[c],c=="dangerouslySetInnerHTML"?h=m:c=="children"||c in C||c=="value"&&"defaultValue"in C||c=="checked"&&"defaultChecked"in C||de(t,c,null,m,a);for(c in C)m=C[c],c=="children"?i=m:c=="dangerouslySetInnerHTML"?$=m:c=="value"?f=m:c=="checked"?u=m:l&&typeof m!="function"||k[c]===m||de(t,c,m,k[c],a);$?(l||h&&($.__html==h.__html||$.__html==t.innerHTML)||(t.innerHTML=$.__html),e.__k=[]):(h&&(t.textContent=""),(w=="foreignObject"||a=="http://www.w3.org/1998/Math/MathML"&&an.test(w))&&(a="http://www.w3.org/1999/xhtml"),ct(v,Le(i)?i:[i],e,n,s,a,r,o,r?r[0]:n.__k&&j(n,0),l,p),r&&r.some(J)),l&&w!="textarea"||(c="value",w=="progress"&&f==null?t.removeAttribute(c):f==null||f===t[c]&&(w!="progress"||f)||de(t,c,f,k[c],a),c="checked",u!=null&&u!=t[c]&&de(t,c,u,k[c],a))}else k===C||l&&t.data==C||(t.data=C);return t}function Pe(t,e,n,s){try{typeof t=="function"?e?e.__x=t(e)||1:s&&(s=s.__c||s.__e)&&(e=s.__x)&&(s.__x=null,typeof e=="function"?e():t(null)):t.current=e}catch(a){x.__e(a,n)}}function Ie(t,e,n){var s,a,r,o;if(x.unmount&&x.unmount(t),!(s=t.ref)||s.current&&s.current!=t.__e||Pe(s,null,e,t),s=t.__c){if(s.componentWillUnmount)try{s.componentWillUnmount()}catch(l){x.__e(l,e)}s.__P=s.__n=null}if(s=t.__k)for(o=0;o<s.length;o++)s[o]&&Ie(s[o],e,typeof t.type!="function"||n&&!t.props.__P);!n&&(s=t.__c)&&(s=s.__z)&&(a=he(s,r=[]))&&(s==t.__e&&r.some(J),J(a),J(s)),n||J(t.__e),t.__e=t.__c=t.__=null}function dn(t,e,n){return this.constructor(t,n)}function pt(t,e){var n,s,a,r;x.__&&x.__(t,e),e.nodeType==9&&(e=e.documentElement),s=(n=t&&32&t.__u)?null:e.__k,e.__k=se(ve,{children:[t]}),a=[],r=[],Ne(e,e.__k,s||$e,$e,e.namespaceURI,s?null:e.firstChild?Ae.call(e.childNodes):null,a,s?s.__e:e.firstChild,n,r),dt(a,e.__k,r),e.__k.props.children=null}x={__e:function(t,e,n,s){for(var a,r,o;e=e.__;)if((a=e.__c)&&!(1&a.__g)){a.__g|=4;try{if((o=(r=a.constructor)&&r.getDerivedStateFromError)&&a.setState(r.getDerivedStateFromError(t)),a.componentDidCatch&&(a.componentDidCatch(t,s||{}),o=1),o&&8&a.__g)return void(a.__g|=2)}catch(l){t=l}}throw me=0,t}},rt=0,sn=function(t){return t!=null&&t.constructor===re},fe.prototype.setState=function(t,e){var n=this.__s;n&&n!=this.state||(n=this.__s=X({},this.state)),typeof t=="function"&&(t=t(X({},n),this.props)),t&&(X(n,t),this.__v&&(e&&this.__k.push(e),nt(this)))},fe.prototype.forceUpdate=function(t){this.__v&&(this.__g|=4,t&&this.__h.push(t),nt(this))},fe.prototype.render=ve,F=[],me=0,at=function(t,e){return t.__v.__b-e.__v.__b},pe=Symbol(),ot=/(PointerCapture)$|Capture$/i,De=0,Me={},rn=0;var oe,E,Ue,ft,He=Object.is,ie=0,wt=[],Oe=[],S=x,ht=S.__b,mt=S.__r,$t=S.diffed,gt=S.__c,vt=S.unmount,yt=S.__;function Be(t,e){S.__h&&S.__h(E,t,ie||e),ie=0;var n=E.__H||(E.__H={__:[],__h:[]});return t>=n.__.length&&n.__.push({}),n.__[t]}function b(t){return ie=1,pn(Ct,t)}function pn(t,e,n){var s=Be(oe++,2);if(s.t=t,!s.__c&&(s.__=[n?n(e):Ct(void 0,e),function(r){var o=(s.__N||s.__)[0],l=s.t(o,r);He(o,l)||(s.__N=[l,s.__[1]],s.__c.setState({}))}],s.__c=E,!E.__f)){E.__f=!0;var a=E.shouldComponentUpdate;E.shouldComponentUpdate=function(r,o,l){var p=this.__H;if(!p)return!0;var v=!1,c=this.props!=r;if(p.__.some(function(h){h.__N&&(v=!0,He(h.__[0],h.__N[0])||(c=!0))}),a){var $=a.call(this,r,o,l);return v?$||c:$}return!v||c}}return s.__}function L(t,e){var n=Be(oe++,3);!S.__s&&xt(n.__H,e)&&(n.__P=!0,n.__=t,n.u=e,E.__H.__h.push(n))}function V(t){return ie=5,le(function(){return{current:t}},[])}function le(t,e){var n=Be(oe++,7);return xt(n.__H,e)&&(n.__=t(),n.__H=e),n.__}function te(t,e){return ie=8,le(function(){return t},e)}function fn(){var t;do{for(;t=Oe.shift();)try{ae(t)}catch(n){S.__e(n,{__:(t=t.__P)&&t.__v})}for(;t=wt.shift();){var e=t.__H;if(t.__P&&e)try{e.__h.some(ae),e.__h.some(Re),e.__h=[]}catch(n){e.__h=[],S.__e(n,t.__v)}}}while(Oe.length)}S.__b=function(t){E=null,ht&&ht(t)},S.__=function(t,e){t&&e.__k&&e.__k.__m&&(t.__m=e.__k.__m),yt&&yt(t,e)},S.__r=function(t){mt&&mt(t),oe=0;var e=(E=t.__c).__H;e&&(Ue==E?E.__h=[]:(e.__h.some(ae),e.__h.some(Re),oe=0),e.__h=[],e.__.some(function(n){n.__N&&(n.__=n.__N),n.u=n.__N=void 0})),Ue=E},S.diffed=function(t){$t&&$t(t);var e=t.__c;e&&e.__H&&(e.__H.__h.length&&bt(wt.push(e)),e.__H.__.some(function(n){n.u&&(n.__H=n.u)})),Ue=E=null},S.__c=function(t,e){e.some(function(n){try{n.__h.some(ae),n.__h=n.__h.filter(function(s){return!s.__||Re(s)})}catch(s){n.__h=[function(){throw s}]}}),gt&&gt(t,e)},S.unmount=function(t){vt&&vt(t);var e,n,s=t.__c;s&&s.__H&&(s.__H.__.some(function(a){try{if(a.__P&&a.__c){if(n===void 0){for(n=t.__;n&&(!n.__c||!n.__c.__P);)n=n.__;n=n&&n.__c}a.__P=n,bt(Oe.push(a))}else ae(a)}catch(r){e=r}}),s.__H=void 0,e&&S.__e(e,s.__v))};var kt=typeof requestAnimationFrame=="function";function hn(t){var e,n=function(){clearTimeout(s),kt&&cancelAnimationFrame(e),setTimeout(t)},s=setTimeout(n,35);kt&&(e=requestAnimationFrame(n))}function bt(t){t!=1&&ft==S.requestAnimationFrame||((ft=S.requestAnimationFrame)||hn)(fn)}function ae(t){var e=E,n=t.__c;typeof n=="function"&&(t.__c=void 0,n()),E=e}function Re(t){var e=E;t.__c=t.__(),E=e}function xt(t,e){return!t||t.length!=e.length||e.some(function(n,s){return!He(n,t[s])})}function Ct(t,e){return typeof e=="function"?e(t):e}var We="/api/plugins/kanban",H=class extends Error{status;code;constructor(e,n,s){super(s),this.status=e,this.code=n}};function Fe(){return new URLSearchParams(location.search).get("board")??""}function je(t){let e=Fe();return e?t+(t.includes("?")?"&":"?")+"board="+encodeURIComponent(e):t}async function A(t,e,n){let s;try{s=await fetch(We+je(e),{method:t,credentials:"same-origin",headers:n===void 0?{}:{"content-type":"application/json"},body:n===void 0?void 0:JSON.stringify(n)})}catch{throw new H(0,"offline","The gateway does not answer. Is it still running?")}let a=await s.text(),r=null;try{r=a?JSON.parse(a):null}catch{}if(!s.ok){let o=r;throw new H(s.status,o?.error?.code??"error",o?.detail??s.statusText)}return r}var St=["triage","todo","ready","running","blocked","done","archived"];var Ve=St;function mn(t){return Ve.includes(t)}function Ge(t,e,n){let s=(a,r="invalid_move",o=409)=>({refused:!0,http:o,code:r,message:a});if(!mn(n))return s(`unknown status: ${n} (expected one of ${Ve.join(", ")})`,"unknown_status",400);if(n==="running")return s("Cannot set status to 'running' directly: only the dispatcher starts tasks (move it to ready)","running_refused",400);if(e===n)return{kind:"noop"};if(e==="archived")return s(`${t} is archived; a status write never revives it \u2014 create a new task instead`,"terminal");if(e==="done")return n==="archived"?{kind:"archive"}:s(`${t} is done; a status write never reopens it \u2014 create a follow-up task instead`,"terminal");switch(n){case"archived":return{kind:"archive"};case"done":return e==="running"||e==="ready"||e==="blocked"?{kind:"complete"}:s(`cannot complete ${t}: it is ${e}; only ready, running or blocked tasks can be completed`);case"blocked":return e==="running"||e==="ready"?{kind:"block"}:s(`cannot block ${t}: it is ${e}; only ready or running tasks can be blocked`);case"ready":return e==="blocked"?{kind:"unblock"}:{kind:"direct",to:"ready"};case"todo":case"triage":return e==="running"?s(`cannot move ${t} to ${n} while it runs: move it to ready first (that stops its worker)`):{kind:"direct",to:n}}}function Tt(t,e){return Ve.filter(n=>n===e?!1:!("refused"in Ge(t,e,n)))}function ce(t){let e=Math.max(0,Math.floor(t));return e<60?`${e}s`:e<3600?`${Math.floor(e/60)}m ${String(e%60).padStart(2,"0")}s`:e<86400?`${Math.floor(e/3600)}h ${String(Math.floor(e%3600/60)).padStart(2,"0")}m`:`${Math.floor(e/86400)}d ${Math.floor(e%86400/3600)}h`}function Et(t){if(t===null)return"";let e=Math.max(0,t);return e<60?"now":e<3600?`${Math.floor(e/60)}m`:e<86400?`${Math.floor(e/3600)}h`:`${Math.floor(e/86400)}d`}function Q(t){return t===null?"\u2014":new Date(t*1e3).toLocaleString()}function Mt(t){let e=/^(\d+)\s*([smhd]?)$/i.exec(t.trim());if(!e)return null;let n={"":1,s:1,m:60,h:3600,d:86400};return Number(e[1])*n[e[2].toLowerCase()]}var G={triage:"Triage",todo:"Todo",ready:"Ready",running:"In progress",blocked:"Blocked",done:"Done",archived:"Archived"},Dt={ready:[3600,86400],running:[600,3600],blocked:[3600,86400],todo:[7*86400,30*86400]};var At=function(t,e,n,s){var a;e[0]=0;for(var r=1;r<e.length;r++){var o=e[r++],l=e[r]?(e[0]|=o?1:2,n[e[r++]]):e[++r];o===3?s[0]=l:o===4?s[1]=Object.assign(s[1]||{},l):o===5?(s[1]=s[1]||{})[e[++r]]=l:o===6?s[1][e[++r]]+=l+"":o?(a=t.apply(l,At(t,l,n,["",null])),s.push(a),l[0]?e[0]|=2:(e[r-2]=0,e[r]=a)):s.push(l)}return s},Lt=new Map;function Nt(t){var e=Lt.get(this);return e||(e=new Map,Lt.set(this,e)),(e=At(this,e.get(t)||(e.set(t,e=function(n){for(var s,a,r=1,o="",l="",p=[0],v=function(h){r===1&&(h||(o=o.replace(/^\s*\n\s*|\s*\n\s*$/g,"")))?p.push(0,h,o):r===3&&(h||o)?(p.push(3,h,o),r=2):r===2&&o==="..."&&h?p.push(4,h,0):r===2&&o&&!h?p.push(5,0,!0,o):r>=5&&((o||!h&&r===5)&&(p.push(r,0,o,a),r=6),h&&(p.push(r,h,0,a),r=6)),o=""},c=0;c<n.length;c++){c&&(r===1&&v(),v(c));for(var $=0;$<n[c].length;$++)s=n[c][$],r===1?s==="<"?(v(),p=[p],r=3):o+=s:r===4?o==="--"&&s===">"?(r=1,o=""):o=s+o[0]:l?s===l?l="":o+=s:s==='"'||s==="'"?l=s:s===">"?(v(),r=1):r&&(s==="="?(r=5,a=o,o=""):s==="/"&&(r<5||n[c][$+1]===">")?(v(),r===3&&(p=p[0]),r=p,(p=p[0]).push(2,0,r),r=0):s===" "||s==="	"||s===`
`||s==="\r"?(v(),r=2):o+=s),r===3&&o==="!--"&&(r=4,p=p[0])}return v(),p}(t)),e),arguments,[])).length>1?e:e[0]}var d=Nt.bind(D);var qe=t=>d`
    <svg class="icon-svg" width="13" height="13" viewBox="0 0 16 16" aria-hidden="true" fill="none"
      stroke="currentColor" stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round">
      <path d=${t} />
    </svg>
  `,Pt=()=>qe("M2.5 3.5h11v7h-6l-3.5 3v-3h-1.5z"),It=()=>qe("M4 2.5v4.5a2 2 0 0 0 2 2h4M10 6.5l2.5 2.5-2.5 2.5M4 13.5v-2"),Ut=()=>qe("M3 8.5l3 3 7-7");var Ht=0;function Ot(t){Ht=t-Date.now()/1e3}function Rt(){return Date.now()/1e3+Ht}function $n({since:t}){let[,e]=b(0);return L(()=>{let n=setInterval(()=>e(s=>s+1),1e3);return()=>clearInterval(n)},[]),d`<span class="elapsed">${ce(Rt()-t)}</span>`}function gn(t){let e=Dt[t.status];if(!e)return"";let n=t.status==="running"&&t.run_started_at!==null?Rt()-t.run_started_at:t.age.created_age_seconds??0;return n>=e[1]?"stale-2":n>=e[0]?"stale-1":""}var R=null;function vn({card:t,onOpen:e,selected:n}){let s=t,a=s.link_counts.parents+s.link_counts.children;return d`
    <article
      class=${`card status-${s.status} ${gn(s)} ${n?"selected":""}`}
      tabindex="0"
      draggable="true"
      data-id=${s.id}
      aria-label=${`${s.title}, ${G[s.status]}`}
      onClick=${()=>e(s.id)}
      onKeyDown=${r=>{(r.key==="Enter"||r.key===" ")&&(r.preventDefault(),e(s.id))}}
      onDragStart=${r=>{R=s,r.dataTransfer?.setData("text/x-hermes-task",s.id),r.dataTransfer?.setData("text/plain",s.id),r.dataTransfer&&(r.dataTransfer.effectAllowed="move")}}
      onDragEnd=${()=>R=null}
    >
      <div class="card-top">
          <span class="card-id">${s.id}</span>
          ${s.priority!==0?d`<span class="pill prio" title="priority">P${s.priority}</span>`:null}
          ${s.tenant?d`<span class="pill tenant" title="tenant">${s.tenant}</span>`:null}
        </div>
      <div class="card-title">${s.title}</div>
      <div class="card-meta">
          ${s.status==="running"?d`<span class="running" title="running"><span class="pulse"></span>${s.run_started_at!==null?d`<${$n} since=${s.run_started_at} />`:"running"}</span>`:null}
          <span class=${s.assignee?"assignee":"assignee none"}>${s.assignee?`@${s.assignee}`:"unassigned"}</span>
          <span class="spacer"></span>
          ${a?d`<span class="meta-item" title=${`${s.link_counts.parents} parent(s), ${s.link_counts.children} child(ren)`}><${It} />${a}</span>`:null}
          ${s.progress?d`<span class="meta-item" title="children done"><${Ut} />${s.progress.done}/${s.progress.total}</span>`:null}
          ${s.comment_count?d`<span class="meta-item" title="comments"><${Pt} />${s.comment_count}</span>`:null}
          <span class="meta-item age" title="age">${Et(s.age.created_age_seconds)}</span>
        </div>
    </article>
  `}var Ke=60;function yn({name:t,cards:e,onOpen:n,onMove:s,selected:a}){let[r,o]=b(Ke),[l,p]=b(""),[v,c]=b("");return d`
    <section
      class=${`column col-${t} ${l?`drop-${l}`:""}`}
      data-status=${t}
      onDragOver=${$=>{if(!R||R.status===t)return;let h=Ge(R.id,R.status,t);if("refused"in h){p("no"),c(h.message);return}$.preventDefault(),p("ok")}}
      onDragLeave=${()=>{p(""),c("")}}
      onDrop=${$=>{$.preventDefault(),p(""),c(""),R&&R.status!==t&&s(R,t),R=null}}
    >
        <header class="column-head">
          <span class=${`dot dot-${t}`}></span>
          <h2>${G[t]}</h2>
          <span class="count">${e.length}</span>
        </header>
        ${l==="no"?d`<div class="drop-why" role="status">${v}</div>`:null}
        <div class="cards">
          ${e.slice(0,r).map($=>d`<${vn} key=${$.id} card=${$} onOpen=${n} selected=${a===$.id} />`)}
          ${e.length>r?d`<button class="more" onClick=${()=>o(r+Ke)}>Show ${Math.min(Ke,e.length-r)} more of ${e.length-r}</button>`:null}
          ${e.length===0?d`<div class="empty">No tasks</div>`:null}
        </div>
      </section>
  `}function Bt({columns:t,onOpen:e,onMove:n,selected:s}){return d`<div class="board">
    ${t.map(a=>d`
        <${yn} key=${a.name} name=${a.name} cards=${a.tasks} onOpen=${e}
          onMove=${n} selected=${s} />
      `)}
  </div>`}function Wt(t,e){return Tt(t,e)}function Ft({title:t,onClose:e,children:n}){let s=V(null);return L(()=>{(s.current?.querySelector("input, textarea, select")??s.current?.querySelector("button[type=submit]"))?.focus();let r=o=>{o.key==="Escape"&&(o.stopPropagation(),e())};return addEventListener("keydown",r,!0),()=>removeEventListener("keydown",r,!0)},[]),d`
    <div class="backdrop" onClick=${a=>a.target===a.currentTarget&&e()}>
      <div class="modal" role="dialog" aria-modal="true" aria-label=${t} ref=${s}>
          <h2>${t}</h2>
          ${n}
        </div>
    </div>
  `}function jt({req:t,onClose:e}){let[n,s]=b("");return d`
    <${Ft} title=${t.title} onClose=${e}>
      <form onSubmit=${a=>{a.preventDefault(),t.onConfirm(n),e()}}>
          <p>${t.text}</p>
          ${t.reason?d`<label>Reason<input name="reason" value=${n} onInput=${a=>s(a.target.value)} placeholder="what is needed to go on" /></label>`:null}
          <div class="actions">
            <button type="button" class="ghost" onClick=${e}>Cancel</button>
            <button type="submit" class="primary">${t.action}</button>
          </div>
        </form>
      <//>
  `}function Vt({assignees:t,tenants:e,defaultTenant:n,onClose:s,onCreated:a}){let[r,o]=b(null),[l,p]=b(!1),[v,c]=b("scratch");return d`
    <${Ft} title="New task" onClose=${s}>
      <form class="create" onSubmit=${async h=>{h.preventDefault();let i=new FormData(h.target),m=u=>String(i.get(u)??"").trim(),f={title:m("title"),body:m("body")||null,assignee:m("assignee")||null,tenant:m("tenant")||null,priority:m("priority")?Number(m("priority")):0,triage:i.get("triage")==="on",workspace_kind:v,workspace_path:v==="dir"&&m("workspace_path")||null,parents:m("parents").split(/[\s,]+/).filter(Boolean),skills:m("skills")?m("skills").split(",").map(u=>u.trim()).filter(Boolean):null,idempotency_key:m("idempotency_key")||null,created_by:m("created_by")||null};if(m("max_runtime")){let u=Mt(m("max_runtime"));if(u===null){o("Max runtime: use 300, 90s, 30m, 2h or 1d");return}f.max_runtime_seconds=u}if(m("max_retries")&&(f.max_retries=Number(m("max_retries"))),!Number.isInteger(f.priority)){o("Priority must be a whole number");return}p(!0);try{let u=await A("POST","/tasks",f);a(u.task,u.warning??null),s()}catch(u){o(u instanceof H?u.message:String(u))}finally{p(!1)}}}>
          <label class="wide">Title<input name="title" required maxlength="500" placeholder="what needs doing" /></label>
          <label class="wide">Description <small>(markdown; the shell profile runs it as a script)</small>
            <textarea name="body" rows="5"></textarea></label>
          <label>Assignee<input name="assignee" list="assignee-list" placeholder="profile, e.g. shell" /></label>
          <datalist id="assignee-list">${t.map(h=>d`<option value=${h} />`)}</datalist>
          <label>Priority<input name="priority" type="number" min="-1000" max="1000" step="1" value="0" /></label>
          <label>Parents<input name="parents" placeholder="t_1a2b3c4d, t_…" /></label>
          <label>Tenant<input name="tenant" list="tenant-list" value=${n} /></label>
          <datalist id="tenant-list">${e.map(h=>d`<option value=${h} />`)}</datalist>
          <label>Workspace
            <select name="workspace_kind" value=${v} onChange=${h=>c(h.target.value)}>
              <option value="scratch">scratch</option>
              <option value="worktree">worktree</option>
              <option value="dir">dir</option>
            </select></label>
          ${v==="dir"?d`<label>Directory<input name="workspace_path" required placeholder="/absolute/path" /></label>`:null}
          <label>Max runtime<input name="max_runtime" placeholder="30m" /></label>
          <label>Max retries<input name="max_retries" type="number" min="1" step="1" /></label>
          <label>Skills<input name="skills" placeholder="comma, separated" /></label>
          <label>Idempotency key<input name="idempotency_key" /></label>
          <label>Created by<input name="created_by" placeholder="dashboard" /></label>
          <label class="check"><input type="checkbox" name="triage" /> Park in triage</label>
          ${r?d`<div class="form-error wide" role="alert">${r}</div>`:null}
          <div class="actions wide">
            <button type="button" class="ghost" onClick=${s}>Cancel</button>
            <button type="submit" class="primary" disabled=${l}>Create task</button>
          </div>
        </form>
      <//>
  `}function Gt(t){let e;try{e=new URL(t)}catch{return null}return e.protocol==="http:"||e.protocol==="https:"||e.protocol==="mailto:"?e.href:null}var kn=/(`+)([\s\S]*?[^`])\1(?!`)|\*\*([\s\S]+?)\*\*|~~([\s\S]+?)~~|\*([^*\s](?:[^*]*[^*\s])?)\*|\[([^\]\n]+)\]\(([^)\s]+)\)|(https?:\/\/[^\s<>()]+[^\s<>().,;:!?'"])/g;function Y(t,e=0){if(e>4)return[t];let n=[],s=0;for(let a of t.matchAll(kn)){let r=a.index??0;if(r>s&&n.push(t.slice(s,r)),s=r+a[0].length,a[1]!==void 0)n.push(D("code",null,a[2]));else if(a[3]!==void 0)n.push(D("strong",null,...Y(a[3],e+1)));else if(a[4]!==void 0)n.push(D("del",null,...Y(a[4],e+1)));else if(a[5]!==void 0)n.push(D("em",null,...Y(a[5],e+1)));else if(a[6]!==void 0){let o=Gt(a[7]);n.push(o?D("a",{href:o,target:"_blank",rel:"noopener noreferrer nofollow"},...Y(a[6],e+1)):a[0])}else if(a[8]!==void 0){let o=Gt(a[8]);n.push(o?D("a",{href:o,target:"_blank",rel:"noopener noreferrer nofollow"},a[8]):a[8])}}return s<t.length&&n.push(t.slice(s)),n}var qt=/^\s*(```|~~~)(.*)$/,Kt=/^(#{1,6})\s+(.*?)\s*#*\s*$/,zt=/^\s*([-*_])(\s*\1){2,}\s*$/,ze=/^\s*[-*+]\s+(.*)$/,Je=/^\s*(\d{1,9})[.)]\s+(.*)$/,ye=/^\s*>\s?(.*)$/;function ue(t,e=0){let n=t.replace(/\r\n?/g,`
`).split(`
`),s=[],a=0;for(;a<n.length;){let r=n[a];if(r.trim()===""){a++;continue}let o=qt.exec(r);if(o){let c=[];for(a++;a<n.length&&!n[a].trimStart().startsWith(o[1]);)c.push(n[a++]);a++;let $=o[2].trim().split(/\s+/)[0];s.push(D("pre",$?{"data-lang":$}:null,D("code",null,c.join(`
`))));continue}let l=Kt.exec(r);if(l){s.push(D(`h${Math.min(6,l[1].length+2)}`,null,...Y(l[2]))),a++;continue}if(zt.test(r)){s.push(D("hr",null)),a++;continue}if(ye.test(r)){let c=[];for(;a<n.length&&ye.test(n[a]);)c.push(ye.exec(n[a++])[1]);s.push(D("blockquote",null,...e<3?ue(c.join(`
`),e+1):[c.join(`
`)]));continue}let p=Je.exec(r);if(ze.test(r)||p){let c=p?Je:ze,$=[];for(;a<n.length&&c.test(n[a]);){let i=c.exec(n[a++]),m=p?i[2]:i[1];for(;a<n.length&&/^\s{2,}\S/.test(n[a])&&!c.test(n[a]);)m+=" "+n[a++].trim();$.push(Y(m))}let h=p?Number(p[1]):1;s.push(D(p?"ol":"ul",p&&h!==1?{start:h}:null,...$.map(i=>D("li",null,...i))));continue}let v=[];for(;a<n.length&&n[a].trim()!==""&&!qt.test(n[a])&&!Kt.test(n[a])&&!ye.test(n[a])&&!ze.test(n[a])&&!Je.test(n[a])&&!zt.test(n[a]);)v.push(n[a++].trim());s.push(D("p",null,...Y(v.join(" "))))}return s}function bn({taskId:t,run:e,version:n}){let[s,a]=b(null),r=V(null);return L(()=>{A("GET",`/tasks/${t}/log?run=${e.id}&tail=65536`).then(a).catch(o=>a({content:String(o.message),exists:!1,truncated:!1}))},[t,e.id,n]),L(()=>{r.current&&(r.current.scrollTop=r.current.scrollHeight)},[s]),s?s.exists?d`<pre class="log" ref=${r}>${s.truncated?`\u2026
`:""}${s.content||"(empty)"}</pre>`:d`<div class="muted">No log for this run.</div>`:d`<div class="muted">Loading log…</div>`}function wn({taskId:t,run:e,version:n}){let[s,a]=b(e.ended_at===null),r=(e.ended_at??Date.now()/1e3)-e.started_at;return d`<li class="run">
    <div class="run-head">
      <span class=${`pill run-${e.status}`}>${e.status}</span>
      <span>#${e.id}</span>
      ${e.profile?d`<span class="muted">@${e.profile}</span>`:null}
      <span class="muted">${Q(e.started_at)} · ${ce(r)}</span>
      ${e.exit_code!==null?d`<span class="muted">exit ${e.exit_code}</span>`:null}
      <span class="spacer"></span>
      <button class="link" onClick=${()=>a(!s)} aria-expanded=${s}>${s?"Hide log":"Show log"}</button>
    </div>
    ${e.summary?d`<div class="run-text">${e.summary}</div>`:null}
    ${e.error?d`<div class="run-text error-text">${e.error}</div>`:null}
    ${s?d`<${bn} taskId=${t} run=${e} version=${n} />`:null}
  </li>`}function Jt({title:t,refs:e,onOpen:n}){return d`<div class="refs">
    <h3>${t}</h3>
    ${e.length===0?d`<div class="muted">None</div>`:d`<ul>${e.map(s=>d`<li><button class="ref" onClick=${()=>n(s.id)}>
            <span class=${`dot dot-${s.status}`}></span><span class="ref-title">${s.title}</span>
            <span class="muted">${s.id} · ${s.status}</span></button></li>`)}</ul>`}
  </div>`}function xn(t){let e=t.payload??{};return Object.entries(e).filter(([,s])=>s!==null&&s!==""&&!(Array.isArray(s)&&s.length===0)).map(([s,a])=>`${s}=${typeof a=="string"?a:JSON.stringify(a)}`).join(" ")}function Xt({id:t,version:e,markdown:n,onClose:s,onOpen:a,onMove:r,onError:o}){let[l,p]=b(null),[v,c]=b(null),[$,h]=b(""),i=V(null);L(()=>{let u=!0;return A("GET",`/tasks/${t}`).then(y=>{u&&(p(y),c(null))}).catch(y=>u&&c(y instanceof H?y.message:String(y))),()=>{u=!1}},[t,e]),L(()=>{i.current?.focus()},[t]);let m=async u=>{if(u.preventDefault(),!!$.trim())try{await A("POST",`/tasks/${t}/comments`,{body:$}),h("");let y=await A("GET",`/tasks/${t}`);p(y)}catch(y){o(y instanceof H?y.message:String(y))}},f=l?.task;return d`<aside class="drawer" tabindex="-1" ref=${i} aria-label="Task details">
    <div class="drawer-head">
      <span class="card-id">${t}</span>
      <span class="spacer"></span>
      <button class="icon" onClick=${s} aria-label="Close" title="Close (Esc)">✕</button>
    </div>
    ${v?d`<div class="banner error">${v}</div>`:null}
    ${f?d`
      <div class="drawer-body">
        <h1 class="task-title">${f.title}</h1>
        <div class="chips">
          <span class=${`pill status-pill st-${f.status}`}>${G[f.status]}</span>
          <span class="pill">${f.assignee?`@${f.assignee}`:"unassigned"}</span>
          ${f.priority?d`<span class="pill prio">P${f.priority}</span>`:null}
          ${f.tenant?d`<span class="pill tenant">${f.tenant}</span>`:null}
          ${f.skills.map(u=>d`<span class="pill">${u}</span>`)}
        </div>
        <div class="moves" role="group" aria-label="Move to">
          ${Wt(f.id,f.status).map(u=>d`<button class=${`move move-${u}`} onClick=${()=>r(f,u)}>${u==="archived"?"Archive":`\u2192 ${G[u]}`}</button>`)}
        </div>
        <section class="md">${f.body?n?ue(f.body):d`<pre class="plain">${f.body}</pre>`:d`<p class="muted">No description.</p>`}</section>
        ${f.result?d`
            <section>
              <h3>Result</h3>
              <div class="md">${ue(f.result)}</div>
            </section>
          `:null}
        ${f.last_failure_error?d`<div class="banner warning">Last failure (${f.consecutive_failures}): ${f.last_failure_error}</div>`:null}
        <dl class="details">
          <dt>Created</dt><dd>${Q(f.created_at)}${f.created_by?` by ${f.created_by}`:""}</dd>
          <dt>Started</dt><dd>${Q(f.started_at)}</dd>
          <dt>Completed</dt><dd>${Q(f.completed_at)}</dd>
          <dt>Workspace</dt><dd>${f.workspace_kind}${f.workspace_path?`: ${f.workspace_path}`:""}</dd>
          <dt>Max runtime</dt><dd>${f.max_runtime_seconds===null?"default":ce(f.max_runtime_seconds)}</dd>
          <dt>Max retries</dt><dd>${f.max_retries??"default"}</dd>
        </dl>
        <div class="two">
          <${Jt} title="Parents" refs=${l.parents} onOpen=${a} />
          <${Jt} title="Children" refs=${l.children} onOpen=${a} />
        </div>
        <section>
          <h3>Comments <span class="count">${l.comments.length}</span></h3>
          <ul class="comments">
            ${l.comments.map(u=>d`
                <li>
                  <div class="comment-head"><strong>${u.author}</strong><span class="muted">${Q(u.created_at)}</span></div>
                  <div class="md">${ue(u.body)}</div>
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
          ${l.runs.length===0?d`<div class="muted">Not run yet.</div>`:d`<ul class="runs">${[...l.runs].reverse().map(u=>d`<${wn} key=${u.id} taskId=${f.id} run=${u} version=${e} />`)}</ul>`}
        </section>
        <section>
          <h3>Events</h3>
          <ol class="events">
            ${[...l.events].reverse().slice(0,50).map(u=>d`<li><span class="ev-kind">${u.kind}</span><span class="ev-text">${xn(u)}</span><span class="muted">${Q(u.created_at)}</span></li>`)}
          </ol>
        </section>
      </div>
    `:v?null:d`<div class="muted pad">Loading…</div>`}
  </aside>`}var ke=210,ne=52,Xe=70,Qe=18,Qt=400;function Cn(t,e){let n=new Map(t.map(i=>[i.id,i])),s=e.filter(i=>n.has(i.parent_id)&&n.has(i.child_id)),r=[...new Set(s.flatMap(i=>[i.parent_id,i.child_id]))].slice(0,Qt),o=new Set(r),l=new Map;for(let i of s)!o.has(i.parent_id)||!o.has(i.child_id)||l.set(i.child_id,[...l.get(i.child_id)??[],i.parent_id]);let p=new Map,v=(i,m=0)=>{let f=p.get(i);if(f!==void 0)return f;if(m>Qt)return 0;let u=l.get(i)??[],y=u.length?1+Math.max(...u.map(k=>v(k,m+1))):0;return p.set(i,y),y},c=[];for(let i of r)(c[v(i)]??=[]).push(i);let $=new Map;c.forEach((i,m)=>{i.sort((f,u)=>n.get(f).created_at-n.get(u).created_at),i.forEach((f,u)=>{$.set(f,{card:n.get(f),x:20+m*(ke+Xe),y:20+u*(ne+Qe)})})});let h=Math.max(0,...c.map(i=>i.length));return{nodes:[...$.values()],edges:s.filter(i=>$.has(i.parent_id)&&$.has(i.child_id)).map(i=>[$.get(i.parent_id),$.get(i.child_id)]),width:40+c.length*(ke+Xe)-Xe,height:40+h*(ne+Qe)-Qe}}function Yt(t,e){return t.length>e?t.slice(0,e-1)+"\u2026":t}function Zt({cards:t,version:e,onOpen:n}){let[s,a]=b(null);if(L(()=>{A("GET","/links").then(o=>a(o.links)).catch(()=>a([]))},[e]),!s)return d`<div class="muted pad">Loading…</div>`;let r=Cn(t,s);return r.nodes.length===0?d`
      <div class="graph-empty">
        <p>No dependencies among these tasks yet.</p>
        <p
          class="muted">Give a task a parent (in the create form, or <code>hermes kanban link</code>) to see the graph.</p>
      </div>
    `:d`
    <div class="graph-wrap">
      <svg class="graph" width=${r.width} height=${r.height} viewBox=${`0 0 ${r.width} ${r.height}`} role="img"
        aria-label="Dependency graph">
          <defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" class="arrow" /></marker></defs>
          ${r.edges.map(([o,l])=>{let p=o.x+ke,v=o.y+ne/2,c=l.x,$=l.y+ne/2,h=(p+c)/2;return d`<path class="edge" d=${`M ${p} ${v} C ${h} ${v}, ${h} ${$}, ${c-2} ${$}`} marker-end="url(#arrow)" />`})}
          ${r.nodes.map(o=>d`
              <g class=${`node st-${o.card.status}`} transform=${`translate(${o.x},${o.y})`} tabindex="0" role="button"
                aria-label=${o.card.title} onClick=${()=>n(o.card.id)}
                onKeyDown=${l=>l.key==="Enter"&&n(o.card.id)}>
                <rect width=${ke} height=${ne} rx="10" />
                <rect class="bar" width="5" height=${ne} rx="2" />
                <text x="14" y="21" class="node-title">${Yt(o.card.title,26)}</text>
                <text x="14" y="39" class="node-meta">${o.card.id} · ${o.card.status}${o.card.assignee?` \xB7 @${Yt(o.card.assignee,12)}`:""}</text>
              </g>
            `)}
        </svg>
    </div>
  `}var Sn=0;function en(){let t=/^#(t_[0-9a-f]{8})$/.exec(location.hash);return t?t[1]:null}function Tn(t,e){if(e.assignee==="-"&&t.assignee!==null||e.assignee&&e.assignee!=="-"&&t.assignee!==e.assignee||e.tenant&&t.tenant!==e.tenant)return!1;if(e.text){let n=e.text.toLowerCase();if(!`${t.id} ${t.title} ${t.assignee??""} ${t.body??""}`.toLowerCase().includes(n))return!1}return!0}function tn(){let[t,e]=b(null),[n,s]=b(null),[a,r]=b("ok"),[o,l]=b(null),[p,v]=b([]),[c,$]=b(en()),[h,i]=b(0),[m,f]=b(0),[u,y]=b("board"),[k,C]=b(!1),[w,Z]=b(null),[q,B]=b("connecting"),[M,K]=b({assignee:"",tenant:"",text:""}),[I,O]=b(!1),[U,N]=b([]),Ye=V(null),be=V(c);be.current=c;let W=te((_,g)=>{let T={id:++Sn,kind:_,text:g};v(P=>[...P.slice(-3),T]),_==="info"&&setTimeout(()=>v(P=>P.filter(_e=>_e.id!==T.id)),4e3)},[]),z=te(async()=>{try{let _=await A("GET",`/board?include_archived=${I}`);Ot(_.now),e(_),l(null),f(g=>g+1)}catch(_){_ instanceof H&&_.status===401?r("missing"):l(_ instanceof Error?_.message:String(_))}},[I]);L(()=>{z()},[z]),L(()=>{A("GET","/config").then(_=>{s(_),_.default_tenant&&K(g=>({...g,tenant:g.tenant||_.default_tenant})),_.include_archived_by_default&&O(!0)}).catch(()=>{}),A("GET","/boards").then(_=>N(_.boards.filter(g=>g.exists).map(g=>g.name))).catch(()=>{})},[]);let Ze=t!==null;L(()=>{if(!Ze||a!=="ok")return;let _,g=()=>{clearTimeout(_),_=setTimeout(z,120)},T=new EventSource(`${We}${je(`/events?since=${t.latest_event_id}`)}`);return T.onopen=()=>B("live"),T.onerror=()=>B(T.readyState===EventSource.CLOSED?"offline":"connecting"),T.onmessage=P=>{B("live"),JSON.parse(P.data).events.some(Te=>Te.task_id===be.current)&&i(Te=>Te+1),g()},T.addEventListener("reset",g),()=>{clearTimeout(_),T.close()}},[Ze,a,z]),L(()=>{let _=()=>$(en());return addEventListener("hashchange",_),()=>removeEventListener("hashchange",_)},[]);let ee=te(_=>{$(_),history.replaceState(null,"",_?`#${_}`:location.pathname+location.search)},[]),we=te(async(_,g,T="")=>{try{await A("PATCH",`/tasks/${_.id}`,{status:g,...g==="blocked"&&T?{block_reason:T}:{}}),W("info",`${_.id} moved to ${G[g]}`),i(P=>P+1),z()}catch(P){W("error",`Cannot move '${_.title}': ${P instanceof Error?P.message:P}`)}},[z,W]),et=te((_,g)=>{if(g==="done"||g==="archived"||g==="blocked"){Z({title:g==="done"?"Complete task?":g==="archived"?"Archive task?":"Block task?",text:g==="done"?`Mark '${_.title}' as done. Its children whose parents are all done become ready.`:g==="archived"?`Archive '${_.title}'. A running worker is stopped.`:`Block '${_.title}' until someone unblocks it. A running worker is stopped.`,action:g==="done"?"Complete":g==="archived"?"Archive":"Block",reason:g==="blocked",onConfirm:T=>we(_,g,T)});return}we(_,g)},[we]),nn=async()=>{try{let _=await A("POST","/dispatch?max=8"),g=Array.isArray(_.spawned)?_.spawned.length:_.spawned??0;W("info",`Dispatcher ran: ${g} spawned`)}catch(_){W("error",_ instanceof Error?_.message:String(_))}};L(()=>{let _=g=>{let T=g.target,P=["INPUT","TEXTAREA","SELECT"].includes(T.tagName);if(g.key==="Escape"&&!k&&!w){P?T.blur():be.current&&ee(null);return}P||g.ctrlKey||g.metaKey||g.altKey||k||w||(g.key==="n"?(g.preventDefault(),C(!0)):g.key==="/"?(g.preventDefault(),Ye.current?.focus()):g.key==="g"&&y(_e=>_e==="board"?"graph":"board"))};return addEventListener("keydown",_),()=>removeEventListener("keydown",_)},[k,w,ee]);let xe=le(()=>t?t.columns.map(_=>({name:_.name,tasks:_.tasks.filter(g=>Tn(g,M))})):[],[t,M]),Ce=le(()=>xe.flatMap(_=>_.tasks),[xe]);if(a==="missing")return d`
      <div class="auth">
        <h1>hermes</h1>
        <p>This board needs its access token.</p>
        <p>Open the address that <code>hermes gateway start</code> or <code>hermes gateway status</code> prints — it ends in <code>?token=…</code>.</p>
      </div>
    `;let Se=t?t.columns.reduce((_,g)=>_+g.tasks.length,0):0,tt=n&&!n.dispatcher.running;return d`<div class=${`app ${c?"with-drawer":""}`}>
    <header class="topbar">
      <div class="brand"><span class="logo" aria-hidden="true"></span>hermes</div>
      ${U.length>1?d`
        <select class="board-pick" aria-label="Board" value=${Fe()||"default"}
          onChange=${_=>{let g=_.target.value;location.search=g==="default"?"":`?board=${encodeURIComponent(g)}`}}>${U.map(_=>d`<option value=${_}>${_}</option>`)}</select>
      `:d`<span class="board-name">${t?.board??""}</span>`}
      <span class=${`live live-${q}`} title=${q==="live"?"Live updates on":"Reconnecting\u2026"}>
        <span class="live-dot"></span>${q==="live"?"Live":q==="connecting"?"Connecting":"Offline"}
      </span>
      ${n?d`<span class=${`disp ${tt?"off":"on"}`} title=${n.dispatcher.message||"dispatcher running"}>
          Dispatcher ${tt?"off":"on"}</span>`:null}
      <span class="spacer"></span>
      <div class="view-toggle" role="tablist">
        <button role="tab" aria-selected=${u==="board"} class=${u==="board"?"on":""} onClick=${()=>y("board")}>Board</button>
        <button role="tab" aria-selected=${u==="graph"} class=${u==="graph"?"on":""} onClick=${()=>y("graph")}>Graph</button>
      </div>
      <button class="ghost" onClick=${nn} title="Run the dispatcher once now">Nudge dispatcher</button>
      <button class="primary" onClick=${()=>C(!0)} title="New task (n)">+ New task</button>
    </header>
    <div class="filters">
      <input ref=${Ye} class="search" type="search" placeholder="Filter by text  ( / )" value=${M.text}
        aria-label="Filter by text" onInput=${_=>K({...M,text:_.target.value})} />
      <select aria-label="Assignee" value=${M.assignee} onChange=${_=>K({...M,assignee:_.target.value})}>
        <option value="">All assignees</option>
        <option value="-">Unassigned</option>
        ${(t?.assignees??[]).map(_=>d`<option value=${_}>@${_}</option>`)}
      </select>
      <select aria-label="Tenant" value=${M.tenant} onChange=${_=>K({...M,tenant:_.target.value})}>
        <option value="">All tenants</option>
        ${(t?.tenants??[]).map(_=>d`<option value=${_}>${_}</option>`)}
      </select>
      <label class="check"><input type="checkbox" checked=${I} onChange=${_=>O(_.target.checked)} /> Archived</label>
      <span class="spacer"></span>
      <span class="muted">${Ce.length===Se?`${Se} tasks`:`${Ce.length} of ${Se} tasks`}</span>
    </div>
    <div class="banners" aria-live="polite">
      ${o?d`<div class="banner error">Cannot load the board: ${o}</div>`:null}
      ${p.map(_=>d`
        <div key=${_.id} class=${`banner ${_.kind}`} role=${_.kind==="error"?"alert":"status"}>
          <span>${_.text}</span>
          <button class="icon" aria-label="Dismiss" onClick=${()=>v(g=>g.filter(T=>T.id!==_.id))}>✕</button>
        </div>
      `)}
    </div>
    <main class="main">
      ${t?u==="board"?d`<${Bt} columns=${xe} onOpen=${ee} onMove=${et} selected=${c} />`:d`<${Zt} cards=${Ce} version=${m} onOpen=${ee} />`:d`<div class="muted pad">Loading…</div>`}
      ${c?d`
        <${Xt} id=${c} version=${h} markdown=${n?.render_markdown??!0}
          onClose=${()=>ee(null)} onOpen=${ee} onMove=${et} onError=${_=>W("error",_)} />
      `:null}
    </main>
    ${k?d`
        <${Vt} assignees=${t?.assignees??[]} tenants=${t?.tenants??[]}
          defaultTenant=${M.tenant} onClose=${()=>C(!1)}
          onCreated=${(_,g)=>{g?W("warning",`Task created, but: ${g}`):W("info",`Created ${_.id}`),z()}} />
      `:null}
    ${w?d`<${jt} req=${w} onClose=${()=>Z(null)} />`:null}
  </div>`}pt(d`<${tn} />`,document.getElementById("app"));
