var x,at,nn,F,Me,me,rt,pe,ot,De,Te,sn,ae=Symbol.for("pv"),$e={},ge=[],an=/^m(i|n|o|s|text|space)$/,Le=Array.isArray,Ae=ge.slice,X=Object.assign;function J(t){t&&t.parentNode&&t.remove()}function D(t,e,n){var s,r,a,o={},l=arguments.length;for(a in e)a=="key"?s=e[a]:a=="ref"&&typeof t!="function"?r=e[a]:o[a]=e[a];return l>2&&(o.children=l>3?Ae.call(arguments,2):n),se(t,o,s,r,null)}function se(t,e,n,s,r){var a={type:t,props:e,key:n,ref:s,__k:null,__:null,__b:0,__e:null,__c:null,constructor:ae,__v:r||++at,__i:-1,__u:0};return!r&&x.vnode&&x.vnode(a),a}function ve(t){return t.children}function fe(t,e){this.props=t,this.context=e,this.__g=0}function V(t,e){if(e==null)return t.__&&V(t.__,t.__i+1);for(var n;e<t.__k.length;e++)if((n=t.__k[e])&&n.__e)return n.__e;return typeof t.type!="function"||t.props.__P?null:V(t)}function rn(t){var e,n=t.__v,s=n.__e,r=[],a=[],o=t.__P;o&&((e=X({constructor:ae},n)).__v=n.__v+1,x.vnode&&x.vnode(e),Ne(o,e,n,t.__n,o.namespaceURI,32&n.__u?[s]:null,r,s||V(n),32&n.__u,a),e.__v=n.__v,e.__.__k[e.__i]=e,dt(r,e,a),n.__=n.__e=null,e.__e!=s&&it(e))}function it(t){if((t=t.__)&&t.__c&&!t.props.__P)return t.__e=null,t.__k.some(function(e){return e&&(t.__e=e.__e)}),it(t)}function nt(t){(8&t.__g||(t.__g|=8,F.push(t),me++))&&Me==x.debounceRendering||((Me=x.debounceRendering)||queueMicrotask)(lt)}function lt(){try{for(var t,e=1;F.length;)F.length>e&&F.sort(rt),t=F.shift(),e=F.length,8&t.__g&&rn(t)}finally{(me=F.length)&&(Me||queueMicrotask)(lt)}}function ct(t,e,n,s,r,a,o,l,p,v,c){var $,h,i,m,f,u,y=s.__k||ge,k=e.length;for(p=on(n,e,y,p,k),$=0;$<k;$++)(i=n.__k[$])!=null&&(h=~i.__i&&y[i.__i]||$e,i.__i=$,u=Ne(t,i,h,r,a,o,l,p,v,c),m=i.__e,(h.ref!=i.ref||8&h.__u)&&(h.ref&&Pe(h.ref,null,i,h),i.ref&&c.push(i.ref,i.__c||m,i)),f=f||m,4&i.__u?(p=ut(i,p,t,!h.__v),h.__e&&(h.__e=null)):typeof i.type=="function"&&u!==void 0?p=u:m&&(p=m.nextSibling),i.__u&=-21);return n.__e=f,p}function on(t,e,n,s,r){var a,o,l,p,v,c,$,h,i,m=n.length,f=m,u=0,y=0,k=t.__k=Array(r);for(a=0;a<r;a++)(o=e[a])!=null&&typeof o!="boolean"&&typeof o!="function"?(typeof o!="object"||o.constructor===String?o=k[a]=se(null,o):Le(o)?o=k[a]=se(ve,{children:o}):o.constructor===ae&&o.__b?o=k[a]=se(o.type,o.props,o.key,o.ref,o.__v):k[a]=o,p=a+u,o.__=t,o.__b=t.__b+1,l=null,~(v=o.__i=ln(o,n,p,f))&&(f--,(l=n[v])&&(l.__u|=2)),l&&l.__v?(o.__u|=16,v==p-1?u--:v==p+1?u++:v!=p&&(v>p?u--:u++,y=1)):(~v||(r>m?u--:r<m&&u++),typeof o.type!="function"&&(o.__u|=4))):k[a]=null;if(y){for(c=[],$=[],a=0;a<r;a++)if((o=k[a])&&16&o.__u){for(u=0,h=c.length;u<h;)c[i=u+h>>1]<o.__i?u=i+1:h=i;c[u]=o.__i,$[a]=u+1}for(u=c.length;a--;)$[a]&&($[a]==u?u--:k[a].__u|=4)}if(f)for(a=0;a<m;a++)!(l=n[a])||2&l.__u||(l.__e==s&&(s=V(l)),Ie(l,l));return s}function ut(t,e,n,s){var r,a,o,l;if(typeof t.type=="function"){if(t.props.__P)return e;if(r=t.__k)for(a=0;a<r.length;a++)r[a]&&(r[a].__=t,e=ut(r[a],e,n,!1));return e}for(e&&!e.parentNode&&(e=V(t))&&!e.parentNode&&(e=null),o=t.__e,l=e;l&&l.nodeType==8;)l=l.nextSibling;for(o!=l&&(!s&&n.moveBefore&&o.parentNode?n.moveBefore(o,e):n.insertBefore(o,e||null)),e=o;(e=e&&e.nextSibling)&&e.nodeType==8&&!e.data.startsWith("$s"););return e}function ln(t,e,n,s){var r,a=t.key,o=t.type,l=e[n],p=l&&!(2&l.__u);if(l===null&&a==null||p&&a==l.key&&o==l.type)return n;if(s>(p?1:0)){for(r=n-1;r>=0;r--)if((l=e[r])&&!(2&l.__u)&&a==l.key&&o==l.type)return r;for(r=n+1;r<e.length;r++)if((l=e[r])&&!(2&l.__u)&&a==l.key&&o==l.type)return r}return-1}function st(t,e,n){n==null&&(n=""),e[0]=="-"?t.setProperty(e,n):t[e]=n}function de(t,e,n,s,r){var a,o;if(e=="style")if(typeof n=="string")t.style.cssText=n;else{if(typeof s=="string"&&(t.style.cssText=s=""),s)for(e in s)n&&e in n||st(t.style,e);if(n)for(e in n)s&&n[e]==s[e]||st(t.style,e,n[e])}else if(e[0]=="o"&&e[1]=="n")typeof n!="function"&&(n=null),typeof s!="function"&&(s=null),(t.__e||(t.__e={}))[e]=n,n&&s||(o=Te[e]||(Te[e]=cn(e)),(t.__a||(t.__a={}))[e]=De,a=e!=(e=e.replace(ot,"$1")),(e=e.slice(2))[0]<"a"&&(e=e.toLowerCase()),n?t.addEventListener(e,o,a):t.removeEventListener(e,o,a));else{if(r=="http://www.w3.org/2000/svg")e=e.replace(/xlink(H|:h)/,"h").replace(/sName$/,"s");else if(e!="width"&&e!="height"&&e!="href"&&e!="list"&&e!="form"&&e!="tabIndex"&&e!="download"&&e!="rowSpan"&&e!="colSpan"&&e!="role"&&e!="popover"&&e in t)try{return void(t[e]=n??"")}catch{}if(typeof n=="function")return;n==null||n===!1&&e[4]!="-"?t.removeAttribute(e):t.setAttribute(e,e=="popover"&&n==1?"":n)}}function cn(t){return function(e){var n=this.__e;if(n){if(n=n[t],e[pe]==null)e[pe]=De++;else if(e[pe]<this.__a[t])return;return n(x.event?x.event(e):e)}}}function Ne(t,e,n,s,r,a,o,l,p,v){var c,$,h,i,m,f,u,y,k,C,w,Z,q,R,T,K,I,O,H=e.type;if(e.constructor!==ae)return null;128&n.__u&&(p=32&n.__u,c=n.__c.__z)&&(e.__u|=p,$=a=[],c.nodeType==8?l=he(c,a):a.push(c),l=a[0]||l),(c=x.__b)&&c(e);e:if(typeof H=="function"){h=o.length;try{if(y=e.props,k=(c=H.prototype)&&c.render,C=(c=H.contextType)&&s[c.__c],w=c?C?C.props.value:c.__:s,(i=n.__c)?(e.__c=i,2&i.__g&&(i.__g|=1)):(k?e.__c=i=new H(y,w):(e.__c=i=new fe(y,w),i.constructor=H,i.render=_n),C&&C.sub(i),i.state||(i.state={}),i.__n=s,i.__g|=8,i.__h=[],i.__k=[]),k&&(i.__s||(i.__s=i.state),H.getDerivedStateFromProps&&(i.__s==i.state&&(i.__s=X({},i.__s)),X(i.__s,H.getDerivedStateFromProps(y,i.__s)))),m=i.props,f=i.state,i.__v=e,n.__c){if(y!==m&&k&&!H.getDerivedStateFromProps&&i.componentWillReceiveProps&&i.componentWillReceiveProps(y,w),e.__v==n.__v&&!(8&i.__g)||!(4&i.__g)&&i.shouldComponentUpdate&&i.shouldComponentUpdate(y,i.__s,w)===!1){e.__v!=n.__v&&(i.props=y,i.state=i.__s,i.__g&=-9),e.__e=n.__e,e.__k=n.__k,e.__k.some(function(N){N&&(N.__=e)}),ge.push.apply(i.__h,i.__k),i.__k=[],i.__h.length&&o.push(i),l=V(n);break e}i.componentWillUpdate&&i.componentWillUpdate(y,i.__s,w),k&&i.componentDidUpdate&&i.__h.push(function(){i.componentDidUpdate(m,f,u)})}else k&&!H.getDerivedStateFromProps&&i.componentWillMount&&i.componentWillMount(),k&&i.componentDidMount&&i.__h.push(i.componentDidMount);i.context=w,i.props=y,i.__P=t,i.__g&=-5,Z=x.__r,q=k?25:0;do i.__g&=-9,Z&&Z(e),c=i.render(i.props,i.state=i.__s,i.context);while(8&i.__g&&++q<25);k&&(ge.push.apply(i.__h,i.__k),i.__k=[]),i.state=i.__s,i.getChildContext&&(s=X({},s,i.getChildContext())),k&&n.__c&&i.getSnapshotBeforeUpdate&&(u=i.getSnapshotBeforeUpdate(m,f)),R=c&&c.type===ve&&c.key==null?c.props.children:c,y.__P&&(c=l,r=(t=y.__P).namespaceURI,p=a=null,n.props&&n.props.__P!=t&&(n.__k.some(function(N){N&&Ie(N,N)}),n.__k=null),l=n.__k?V(n,0):null),l=ct(t,Le(R)?R:[R],e,n,s,r,a,o,l,p,v),y.__P&&(e.__e=null,l=c),e.__u&=-161,$&&$.some(J),i.__h.length&&o.push(i),1&i.__g&&(i.__g&=-4)}catch(N){if(o.length=h,e.__v=null,p||a)if(N&&N.then){if(e.__u|=128|p,a){for(~(I=a.indexOf(l||void 0))||(I=a.length);(O=a[I-1])&&O.nodeType==8;)I--;for(;I<a.length;I++)if(O=a[I])if(a[I]=null,T){if(O==K)break}else{if(O.nodeType!=8)break;O.data.startsWith("$s")&&(K=he(T=O))}}if(!T){for(;l&&l.nodeType==8&&l.nextSibling;)l=l.nextSibling;T=l}(c=he(T=e.__c.__z||(e.__c.__z=T)))?(e.__e=T,l=c):e.__e=l,l=l&&l.nextSibling}else a&&a.some(J);else e.__e=n.__e;e.__k||(e.__k=n.__k||[]),N&&N.then||_t(e),x.__e(N,e,n)}}else l=e.__e=un(n.__e,e,n,s,r,a,o,p,v,t);return(c=x.diffed)&&c(e),l}function he(t,e){if(t&&t.nodeType==8&&t.data.startsWith("$s"))for(var n=1;t=t.nextSibling;){if(t.nodeType==8){if(t.data.startsWith("$s"))n++;else if(t.data.startsWith("/$s")&&!--n)return t}e&&e.push(t)}}function _t(t){t&&(t.__c&&(t.__c.__g|=4),t.__k&&t.__k.some(_t))}function dt(t,e,n){for(var s=0;s<n.length;)Pe(n[s++],n[s++],n[s++]);x.__c&&x.__c(e,t),t.some(function(r){try{t=r.__h,r.__h=[],t.some(function(a){a.call(r)})}catch(a){x.__e(a,r.__v)}})}function un(t,e,n,s,r,a,o,l,p,v){var c,$,h,i,m,f,u,y,k=n.props||$e,C=e.props,w=e.type;if(w=="svg"?r="http://www.w3.org/2000/svg":w=="math"?r="http://www.w3.org/1998/Math/MathML":r||(r="http://www.w3.org/1999/xhtml"),a){for(c=0;c<a.length;c++)if((m=a[c])&&(w?m.localName==w:m.nodeType==3)){t=m,a[c]=null;break}}if(!t){if(y=v.ownerDocument||document,!w)return y.createTextNode(C);t=y.createElementNS(r,w,C.is?C:v),l&&(x.__m&&x.__m(e,a),l=!1),a=null}if(w){if(v=w=="template"&&t.content||t,a=w=="textarea"&&C.defaultValue!=null?null:a&&Ae.call(v.childNodes),!l&&a)for(k={},c=0;c<t.attributes.length;c++)k[(m=t.attributes[c]).name]=m.value;for(c in k)m=k[c],c=="dangerouslySetInnerHTML"?h=m:c=="children"||c in C||c=="value"&&"defaultValue"in C||c=="checked"&&"defaultChecked"in C||de(t,c,null,m,r);for(c in C)m=C[c],c=="children"?i=m:c=="dangerouslySetInnerHTML"?$=m:c=="value"?f=m:c=="checked"?u=m:l&&typeof m!="function"||k[c]===m||de(t,c,m,k[c],r);$?(l||h&&($.__html==h.__html||$.__html==t.innerHTML)||(t.innerHTML=$.__html),e.__k=[]):(h&&(t.textContent=""),(w=="foreignObject"||r=="http://www.w3.org/1998/Math/MathML"&&an.test(w))&&(r="http://www.w3.org/1999/xhtml"),ct(v,Le(i)?i:[i],e,n,s,r,a,o,a?a[0]:n.__k&&V(n,0),l,p),a&&a.some(J)),l&&w!="textarea"||(c="value",w=="progress"&&f==null?t.removeAttribute(c):f==null||f===t[c]&&(w!="progress"||f)||de(t,c,f,k[c],r),c="checked",u!=null&&u!=t[c]&&de(t,c,u,k[c],r))}else k===C||l&&t.data==C||(t.data=C);return t}function Pe(t,e,n,s){try{typeof t=="function"?e?e.__x=t(e)||1:s&&(s=s.__c||s.__e)&&(e=s.__x)&&(s.__x=null,typeof e=="function"?e():t(null)):t.current=e}catch(r){x.__e(r,n)}}function Ie(t,e,n){var s,r,a,o;if(x.unmount&&x.unmount(t),!(s=t.ref)||s.current&&s.current!=t.__e||Pe(s,null,e,t),s=t.__c){if(s.componentWillUnmount)try{s.componentWillUnmount()}catch(l){x.__e(l,e)}s.__P=s.__n=null}if(s=t.__k)for(o=0;o<s.length;o++)s[o]&&Ie(s[o],e,typeof t.type!="function"||n&&!t.props.__P);!n&&(s=t.__c)&&(s=s.__z)&&(r=he(s,a=[]))&&(s==t.__e&&a.some(J),J(r),J(s)),n||J(t.__e),t.__e=t.__c=t.__=null}function _n(t,e,n){return this.constructor(t,n)}function pt(t,e){var n,s,r,a;x.__&&x.__(t,e),e.nodeType==9&&(e=e.documentElement),s=(n=t&&32&t.__u)?null:e.__k,e.__k=se(ve,{children:[t]}),r=[],a=[],Ne(e,e.__k,s||$e,$e,e.namespaceURI,s?null:e.firstChild?Ae.call(e.childNodes):null,r,s?s.__e:e.firstChild,n,a),dt(r,e.__k,a),e.__k.props.children=null}x={__e:function(t,e,n,s){for(var r,a,o;e=e.__;)if((r=e.__c)&&!(1&r.__g)){r.__g|=4;try{if((o=(a=r.constructor)&&a.getDerivedStateFromError)&&r.setState(a.getDerivedStateFromError(t)),r.componentDidCatch&&(r.componentDidCatch(t,s||{}),o=1),o&&8&r.__g)return void(r.__g|=2)}catch(l){t=l}}throw me=0,t}},at=0,nn=function(t){return t!=null&&t.constructor===ae},fe.prototype.setState=function(t,e){var n=this.__s;n&&n!=this.state||(n=this.__s=X({},this.state)),typeof t=="function"&&(t=t(X({},n),this.props)),t&&(X(n,t),this.__v&&(e&&this.__k.push(e),nt(this)))},fe.prototype.forceUpdate=function(t){this.__v&&(this.__g|=4,t&&this.__h.push(t),nt(this))},fe.prototype.render=ve,F=[],me=0,rt=function(t,e){return t.__v.__b-e.__v.__b},pe=Symbol(),ot=/(PointerCapture)$|Capture$/i,De=0,Te={},sn=0;var oe,M,He,ft,Ue=Object.is,ie=0,wt=[],Oe=[],S=x,ht=S.__b,mt=S.__r,$t=S.diffed,gt=S.__c,vt=S.unmount,yt=S.__;function Re(t,e){S.__h&&S.__h(M,t,ie||e),ie=0;var n=M.__H||(M.__H={__:[],__h:[]});return t>=n.__.length&&n.__.push({}),n.__[t]}function b(t){return ie=1,dn(Ct,t)}function dn(t,e,n){var s=Re(oe++,2);if(s.t=t,!s.__c&&(s.__=[n?n(e):Ct(void 0,e),function(a){var o=(s.__N||s.__)[0],l=s.t(o,a);Ue(o,l)||(s.__N=[l,s.__[1]],s.__c.setState({}))}],s.__c=M,!M.__f)){M.__f=!0;var r=M.shouldComponentUpdate;M.shouldComponentUpdate=function(a,o,l){var p=this.__H;if(!p)return!0;var v=!1,c=this.props!=a;if(p.__.some(function(h){h.__N&&(v=!0,Ue(h.__[0],h.__N[0])||(c=!0))}),r){var $=r.call(this,a,o,l);return v?$||c:$}return!v||c}}return s.__}function L(t,e){var n=Re(oe++,3);!S.__s&&xt(n.__H,e)&&(n.__P=!0,n.__=t,n.u=e,M.__H.__h.push(n))}function j(t){return ie=5,le(function(){return{current:t}},[])}function le(t,e){var n=Re(oe++,7);return xt(n.__H,e)&&(n.__=t(),n.__H=e),n.__}function te(t,e){return ie=8,le(function(){return t},e)}function pn(){var t;do{for(;t=Oe.shift();)try{re(t)}catch(n){S.__e(n,{__:(t=t.__P)&&t.__v})}for(;t=wt.shift();){var e=t.__H;if(t.__P&&e)try{e.__h.some(re),e.__h.some(Be),e.__h=[]}catch(n){e.__h=[],S.__e(n,t.__v)}}}while(Oe.length)}S.__b=function(t){M=null,ht&&ht(t)},S.__=function(t,e){t&&e.__k&&e.__k.__m&&(t.__m=e.__k.__m),yt&&yt(t,e)},S.__r=function(t){mt&&mt(t),oe=0;var e=(M=t.__c).__H;e&&(He==M?M.__h=[]:(e.__h.some(re),e.__h.some(Be),oe=0),e.__h=[],e.__.some(function(n){n.__N&&(n.__=n.__N),n.u=n.__N=void 0})),He=M},S.diffed=function(t){$t&&$t(t);var e=t.__c;e&&e.__H&&(e.__H.__h.length&&bt(wt.push(e)),e.__H.__.some(function(n){n.u&&(n.__H=n.u)})),He=M=null},S.__c=function(t,e){e.some(function(n){try{n.__h.some(re),n.__h=n.__h.filter(function(s){return!s.__||Be(s)})}catch(s){n.__h=[function(){throw s}]}}),gt&&gt(t,e)},S.unmount=function(t){vt&&vt(t);var e,n,s=t.__c;s&&s.__H&&(s.__H.__.some(function(r){try{if(r.__P&&r.__c){if(n===void 0){for(n=t.__;n&&(!n.__c||!n.__c.__P);)n=n.__;n=n&&n.__c}r.__P=n,bt(Oe.push(r))}else re(r)}catch(a){e=a}}),s.__H=void 0,e&&S.__e(e,s.__v))};var kt=typeof requestAnimationFrame=="function";function fn(t){var e,n=function(){clearTimeout(s),kt&&cancelAnimationFrame(e),setTimeout(t)},s=setTimeout(n,35);kt&&(e=requestAnimationFrame(n))}function bt(t){t!=1&&ft==S.requestAnimationFrame||((ft=S.requestAnimationFrame)||fn)(pn)}function re(t){var e=M,n=t.__c;typeof n=="function"&&(t.__c=void 0,n()),M=e}function Be(t){var e=M;t.__c=t.__(),M=e}function xt(t,e){return!t||t.length!=e.length||e.some(function(n,s){return!Ue(n,t[s])})}function Ct(t,e){return typeof e=="function"?e(t):e}var We="/api/plugins/kanban",U=class extends Error{status;code;constructor(e,n,s){super(s),this.status=e,this.code=n}};function Fe(){return new URLSearchParams(location.search).get("board")??""}function Ve(t){let e=Fe();return e?t+(t.includes("?")?"&":"?")+"board="+encodeURIComponent(e):t}async function A(t,e,n){let s;try{s=await fetch(We+Ve(e),{method:t,credentials:"same-origin",headers:n===void 0?{}:{"content-type":"application/json"},body:n===void 0?void 0:JSON.stringify(n)})}catch{throw new U(0,"offline","The gateway does not answer. Is it still running?")}let r=await s.text(),a=null;try{a=r?JSON.parse(r):null}catch{}if(!s.ok){let o=a;throw new U(s.status,o?.error?.code??"error",o?.detail??s.statusText)}return a}var je=["triage","todo","ready","running","blocked","done","archived"];function hn(t){return je.includes(t)}function Ge(t,e,n){let s=(r,a="invalid_move",o=409)=>({refused:!0,http:o,code:a,message:r});if(!hn(n))return s(`unknown status: ${n} (expected one of ${je.join(", ")})`,"unknown_status",400);if(n==="running")return s("Cannot set status to 'running' directly: only the dispatcher starts tasks (move it to ready)","running_refused",400);if(e===n)return{kind:"noop"};if(e==="archived")return s(`${t} is archived; a status write never revives it \u2014 create a new task instead`,"terminal");if(e==="done")return n==="archived"?{kind:"archive"}:s(`${t} is done; a status write never reopens it \u2014 create a follow-up task instead`,"terminal");switch(n){case"archived":return{kind:"archive"};case"done":return e==="running"||e==="ready"||e==="blocked"?{kind:"complete"}:s(`cannot complete ${t}: it is ${e}; only ready, running or blocked tasks can be completed`);case"blocked":return e==="running"||e==="ready"?{kind:"block"}:s(`cannot block ${t}: it is ${e}; only ready or running tasks can be blocked`);case"ready":return e==="blocked"?{kind:"unblock"}:{kind:"direct",to:"ready"};case"todo":case"triage":return e==="running"?s(`cannot move ${t} to ${n} while it runs: move it to ready first (that stops its worker)`):{kind:"direct",to:n}}}function St(t,e){return je.filter(n=>n===e?!1:!("refused"in Ge(t,e,n)))}function ce(t){let e=Math.max(0,Math.floor(t));return e<60?`${e}s`:e<3600?`${Math.floor(e/60)}m ${String(e%60).padStart(2,"0")}s`:e<86400?`${Math.floor(e/3600)}h ${String(Math.floor(e%3600/60)).padStart(2,"0")}m`:`${Math.floor(e/86400)}d ${Math.floor(e%86400/3600)}h`}function Et(t){if(t===null)return"";let e=Math.max(0,t);return e<60?"now":e<3600?`${Math.floor(e/60)}m`:e<86400?`${Math.floor(e/3600)}h`:`${Math.floor(e/86400)}d`}function Q(t){return t===null?"\u2014":new Date(t*1e3).toLocaleString()}function Mt(t){let e=/^(\d+)\s*([smhd]?)$/i.exec(t.trim());if(!e)return null;let n={"":1,s:1,m:60,h:3600,d:86400};return Number(e[1])*n[e[2].toLowerCase()]}var G={triage:"Triage",todo:"Todo",ready:"Ready",running:"In progress",blocked:"Blocked",done:"Done",archived:"Archived"},Tt={ready:[3600,86400],running:[600,3600],blocked:[3600,86400],todo:[7*86400,30*86400]};var Lt=function(t,e,n,s){var r;e[0]=0;for(var a=1;a<e.length;a++){var o=e[a++],l=e[a]?(e[0]|=o?1:2,n[e[a++]]):e[++a];o===3?s[0]=l:o===4?s[1]=Object.assign(s[1]||{},l):o===5?(s[1]=s[1]||{})[e[++a]]=l:o===6?s[1][e[++a]]+=l+"":o?(r=t.apply(l,Lt(t,l,n,["",null])),s.push(r),l[0]?e[0]|=2:(e[a-2]=0,e[a]=r)):s.push(l)}return s},Dt=new Map;function At(t){var e=Dt.get(this);return e||(e=new Map,Dt.set(this,e)),(e=Lt(this,e.get(t)||(e.set(t,e=function(n){for(var s,r,a=1,o="",l="",p=[0],v=function(h){a===1&&(h||(o=o.replace(/^\s*\n\s*|\s*\n\s*$/g,"")))?p.push(0,h,o):a===3&&(h||o)?(p.push(3,h,o),a=2):a===2&&o==="..."&&h?p.push(4,h,0):a===2&&o&&!h?p.push(5,0,!0,o):a>=5&&((o||!h&&a===5)&&(p.push(a,0,o,r),a=6),h&&(p.push(a,h,0,r),a=6)),o=""},c=0;c<n.length;c++){c&&(a===1&&v(),v(c));for(var $=0;$<n[c].length;$++)s=n[c][$],a===1?s==="<"?(v(),p=[p],a=3):o+=s:a===4?o==="--"&&s===">"?(a=1,o=""):o=s+o[0]:l?s===l?l="":o+=s:s==='"'||s==="'"?l=s:s===">"?(v(),a=1):a&&(s==="="?(a=5,r=o,o=""):s==="/"&&(a<5||n[c][$+1]===">")?(v(),a===3&&(p=p[0]),a=p,(p=p[0]).push(2,0,a),a=0):s===" "||s==="	"||s===`
`||s==="\r"?(v(),a=2):o+=s),a===3&&o==="!--"&&(a=4,p=p[0])}return v(),p}(t)),e),arguments,[])).length>1?e:e[0]}var d=At.bind(D);var qe=t=>d`
    <svg class="icon-svg" width="13" height="13" viewBox="0 0 16 16" aria-hidden="true" fill="none"
      stroke="currentColor" stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round">
      <path d=${t} />
    </svg>
  `,Nt=()=>qe("M2.5 3.5h11v7h-6l-3.5 3v-3h-1.5z"),Pt=()=>qe("M4 2.5v4.5a2 2 0 0 0 2 2h4M10 6.5l2.5 2.5-2.5 2.5M4 13.5v-2"),It=()=>qe("M3 8.5l3 3 7-7");var Ht=0;function Ut(t){Ht=t-Date.now()/1e3}function Ot(){return Date.now()/1e3+Ht}function mn({since:t}){let[,e]=b(0);return L(()=>{let n=setInterval(()=>e(s=>s+1),1e3);return()=>clearInterval(n)},[]),d`<span class="elapsed">${ce(Ot()-t)}</span>`}function $n(t){let e=Tt[t.status];if(!e)return"";let n=t.status==="running"&&t.run_started_at!==null?Ot()-t.run_started_at:t.age.created_age_seconds??0;return n>=e[1]?"stale-2":n>=e[0]?"stale-1":""}var B=null;function gn({card:t,onOpen:e,selected:n}){let s=t,r=s.link_counts.parents+s.link_counts.children;return d`
    <article
      class=${`card status-${s.status} ${$n(s)} ${n?"selected":""}`}
      tabindex="0"
      draggable="true"
      data-id=${s.id}
      aria-label=${`${s.title}, ${G[s.status]}`}
      onClick=${()=>e(s.id)}
      onKeyDown=${a=>{(a.key==="Enter"||a.key===" ")&&(a.preventDefault(),e(s.id))}}
      onDragStart=${a=>{B=s,a.dataTransfer?.setData("text/x-hermes-task",s.id),a.dataTransfer?.setData("text/plain",s.id),a.dataTransfer&&(a.dataTransfer.effectAllowed="move")}}
      onDragEnd=${()=>B=null}
    >
      <div class="card-top">
          <span class="card-id">${s.id}</span>
          ${s.priority!==0?d`<span class="pill prio" title="priority">P${s.priority}</span>`:null}
          ${s.tenant?d`<span class="pill tenant" title="tenant">${s.tenant}</span>`:null}
        </div>
      <div class="card-title">${s.title}</div>
      <div class="card-meta">
          ${s.status==="running"?d`<span class="running" title="running"><span class="pulse"></span>${s.run_started_at!==null?d`<${mn} since=${s.run_started_at} />`:"running"}</span>`:null}
          <span class=${s.assignee?"assignee":"assignee none"}>${s.assignee?`@${s.assignee}`:"unassigned"}</span>
          <span class="spacer"></span>
          ${r?d`<span class="meta-item" title=${`${s.link_counts.parents} parent(s), ${s.link_counts.children} child(ren)`}><${Pt} />${r}</span>`:null}
          ${s.progress?d`<span class="meta-item" title="children done"><${It} />${s.progress.done}/${s.progress.total}</span>`:null}
          ${s.comment_count?d`<span class="meta-item" title="comments"><${Nt} />${s.comment_count}</span>`:null}
          <span class="meta-item age" title="age">${Et(s.age.created_age_seconds)}</span>
        </div>
    </article>
  `}var Ke=60;function vn({name:t,cards:e,onOpen:n,onMove:s,selected:r}){let[a,o]=b(Ke),[l,p]=b(""),[v,c]=b("");return d`
    <section
      class=${`column col-${t} ${l?`drop-${l}`:""}`}
      data-status=${t}
      onDragOver=${$=>{if(!B||B.status===t)return;let h=Ge(B.id,B.status,t);if("refused"in h){p("no"),c(h.message);return}$.preventDefault(),p("ok")}}
      onDragLeave=${()=>{p(""),c("")}}
      onDrop=${$=>{$.preventDefault(),p(""),c(""),B&&B.status!==t&&s(B,t),B=null}}
    >
        <header class="column-head">
          <span class=${`dot dot-${t}`}></span>
          <h2>${G[t]}</h2>
          <span class="count">${e.length}</span>
        </header>
        ${l==="no"?d`<div class="drop-why" role="status">${v}</div>`:null}
        <div class="cards">
          ${e.slice(0,a).map($=>d`<${gn} key=${$.id} card=${$} onOpen=${n} selected=${r===$.id} />`)}
          ${e.length>a?d`<button class="more" onClick=${()=>o(a+Ke)}>Show ${Math.min(Ke,e.length-a)} more of ${e.length-a}</button>`:null}
          ${e.length===0?d`<div class="empty">No tasks</div>`:null}
        </div>
      </section>
  `}function Bt({columns:t,onOpen:e,onMove:n,selected:s}){return d`<div class="board">
    ${t.map(r=>d`
        <${vn} key=${r.name} name=${r.name} cards=${r.tasks} onOpen=${e}
          onMove=${n} selected=${s} />
      `)}
  </div>`}function Rt(t,e){return St(t,e)}function Wt({title:t,onClose:e,children:n}){let s=j(null);return L(()=>{(s.current?.querySelector("input, textarea, select")??s.current?.querySelector("button[type=submit]"))?.focus();let a=o=>{o.key==="Escape"&&(o.stopPropagation(),e())};return addEventListener("keydown",a,!0),()=>removeEventListener("keydown",a,!0)},[]),d`
    <div class="backdrop" onClick=${r=>r.target===r.currentTarget&&e()}>
      <div class="modal" role="dialog" aria-modal="true" aria-label=${t} ref=${s}>
          <h2>${t}</h2>
          ${n}
        </div>
    </div>
  `}function Ft({req:t,onClose:e}){let[n,s]=b("");return d`
    <${Wt} title=${t.title} onClose=${e}>
      <form onSubmit=${r=>{r.preventDefault(),t.onConfirm(n),e()}}>
          <p>${t.text}</p>
          ${t.reason?d`<label>Reason<input name="reason" value=${n} onInput=${r=>s(r.target.value)} placeholder="what is needed to go on" /></label>`:null}
          <div class="actions">
            <button type="button" class="ghost" onClick=${e}>Cancel</button>
            <button type="submit" class="primary">${t.action}</button>
          </div>
        </form>
      <//>
  `}function Vt({assignees:t,tenants:e,defaultTenant:n,onClose:s,onCreated:r}){let[a,o]=b(null),[l,p]=b(!1),[v,c]=b("scratch");return d`
    <${Wt} title="New task" onClose=${s}>
      <form class="create" onSubmit=${async h=>{h.preventDefault();let i=new FormData(h.target),m=u=>String(i.get(u)??"").trim(),f={title:m("title"),body:m("body")||null,assignee:m("assignee")||null,tenant:m("tenant")||null,priority:m("priority")?Number(m("priority")):0,triage:i.get("triage")==="on",workspace_kind:v,workspace_path:v==="dir"&&m("workspace_path")||null,parents:m("parents").split(/[\s,]+/).filter(Boolean),skills:m("skills")?m("skills").split(",").map(u=>u.trim()).filter(Boolean):null,idempotency_key:m("idempotency_key")||null,created_by:m("created_by")||null};if(m("max_runtime")){let u=Mt(m("max_runtime"));if(u===null){o("Max runtime: use 300, 90s, 30m, 2h or 1d");return}f.max_runtime_seconds=u}if(m("max_retries")&&(f.max_retries=Number(m("max_retries"))),!Number.isInteger(f.priority)){o("Priority must be a whole number");return}p(!0);try{let u=await A("POST","/tasks",f);r(u.task,u.warning??null),s()}catch(u){o(u instanceof U?u.message:String(u))}finally{p(!1)}}}>
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
          ${a?d`<div class="form-error wide" role="alert">${a}</div>`:null}
          <div class="actions wide">
            <button type="button" class="ghost" onClick=${s}>Cancel</button>
            <button type="submit" class="primary" disabled=${l}>Create task</button>
          </div>
        </form>
      <//>
  `}function jt(t){let e;try{e=new URL(t)}catch{return null}return e.protocol==="http:"||e.protocol==="https:"||e.protocol==="mailto:"?e.href:null}var yn=/(`+)([\s\S]*?[^`])\1(?!`)|\*\*([\s\S]+?)\*\*|~~([\s\S]+?)~~|\*([^*\s](?:[^*]*[^*\s])?)\*|\[([^\]\n]+)\]\(([^)\s]+)\)|(https?:\/\/[^\s<>()]+[^\s<>().,;:!?'"])/g;function Y(t,e=0){if(e>4)return[t];let n=[],s=0;for(let r of t.matchAll(yn)){let a=r.index??0;if(a>s&&n.push(t.slice(s,a)),s=a+r[0].length,r[1]!==void 0)n.push(D("code",null,r[2]));else if(r[3]!==void 0)n.push(D("strong",null,...Y(r[3],e+1)));else if(r[4]!==void 0)n.push(D("del",null,...Y(r[4],e+1)));else if(r[5]!==void 0)n.push(D("em",null,...Y(r[5],e+1)));else if(r[6]!==void 0){let o=jt(r[7]);n.push(o?D("a",{href:o,target:"_blank",rel:"noopener noreferrer nofollow"},...Y(r[6],e+1)):r[0])}else if(r[8]!==void 0){let o=jt(r[8]);n.push(o?D("a",{href:o,target:"_blank",rel:"noopener noreferrer nofollow"},r[8]):r[8])}}return s<t.length&&n.push(t.slice(s)),n}var Gt=/^\s*(```|~~~)(.*)$/,qt=/^(#{1,6})\s+(.*?)\s*#*\s*$/,Kt=/^\s*([-*_])(\s*\1){2,}\s*$/,ze=/^\s*[-*+]\s+(.*)$/,Je=/^\s*(\d{1,9})[.)]\s+(.*)$/,ye=/^\s*>\s?(.*)$/;function ue(t,e=0){let n=t.replace(/\r\n?/g,`
`).split(`
`),s=[],r=0;for(;r<n.length;){let a=n[r];if(a.trim()===""){r++;continue}let o=Gt.exec(a);if(o){let c=[];for(r++;r<n.length&&!n[r].trimStart().startsWith(o[1]);)c.push(n[r++]);r++;let $=o[2].trim().split(/\s+/)[0];s.push(D("pre",$?{"data-lang":$}:null,D("code",null,c.join(`
`))));continue}let l=qt.exec(a);if(l){s.push(D(`h${Math.min(6,l[1].length+2)}`,null,...Y(l[2]))),r++;continue}if(Kt.test(a)){s.push(D("hr",null)),r++;continue}if(ye.test(a)){let c=[];for(;r<n.length&&ye.test(n[r]);)c.push(ye.exec(n[r++])[1]);s.push(D("blockquote",null,...e<3?ue(c.join(`
`),e+1):[c.join(`
`)]));continue}let p=Je.exec(a);if(ze.test(a)||p){let c=p?Je:ze,$=[];for(;r<n.length&&c.test(n[r]);){let i=c.exec(n[r++]),m=p?i[2]:i[1];for(;r<n.length&&/^\s{2,}\S/.test(n[r])&&!c.test(n[r]);)m+=" "+n[r++].trim();$.push(Y(m))}let h=p?Number(p[1]):1;s.push(D(p?"ol":"ul",p&&h!==1?{start:h}:null,...$.map(i=>D("li",null,...i))));continue}let v=[];for(;r<n.length&&n[r].trim()!==""&&!Gt.test(n[r])&&!qt.test(n[r])&&!ye.test(n[r])&&!ze.test(n[r])&&!Je.test(n[r])&&!Kt.test(n[r]);)v.push(n[r++].trim());s.push(D("p",null,...Y(v.join(" "))))}return s}function kn({taskId:t,run:e,version:n}){let[s,r]=b(null),a=j(null);return L(()=>{A("GET",`/tasks/${t}/log?run=${e.id}&tail=65536`).then(r).catch(o=>r({content:String(o.message),exists:!1,truncated:!1}))},[t,e.id,n]),L(()=>{a.current&&(a.current.scrollTop=a.current.scrollHeight)},[s]),s?s.exists?d`<pre class="log" ref=${a}>${s.truncated?`\u2026
`:""}${s.content||"(empty)"}</pre>`:d`<div class="muted">No log for this run.</div>`:d`<div class="muted">Loading log…</div>`}function bn({taskId:t,run:e,version:n}){let[s,r]=b(e.ended_at===null),a=(e.ended_at??Date.now()/1e3)-e.started_at;return d`<li class="run">
    <div class="run-head">
      <span class=${`pill run-${e.status}`}>${e.status}</span>
      <span>#${e.id}</span>
      ${e.profile?d`<span class="muted">@${e.profile}</span>`:null}
      <span class="muted">${Q(e.started_at)} · ${ce(a)}</span>
      ${e.exit_code!==null?d`<span class="muted">exit ${e.exit_code}</span>`:null}
      <span class="spacer"></span>
      <button class="link" onClick=${()=>r(!s)} aria-expanded=${s}>${s?"Hide log":"Show log"}</button>
    </div>
    ${e.summary?d`<div class="run-text">${e.summary}</div>`:null}
    ${e.error?d`<div class="run-text error-text">${e.error}</div>`:null}
    ${s?d`<${kn} taskId=${t} run=${e} version=${n} />`:null}
  </li>`}function zt({title:t,refs:e,onOpen:n}){return d`<div class="refs">
    <h3>${t}</h3>
    ${e.length===0?d`<div class="muted">None</div>`:d`<ul>${e.map(s=>d`<li><button class="ref" onClick=${()=>n(s.id)}>
            <span class=${`dot dot-${s.status}`}></span><span class="ref-title">${s.title}</span>
            <span class="muted">${s.id} · ${s.status}</span></button></li>`)}</ul>`}
  </div>`}function wn(t){let e=t.payload??{};return Object.entries(e).filter(([,s])=>s!==null&&s!==""&&!(Array.isArray(s)&&s.length===0)).map(([s,r])=>`${s}=${typeof r=="string"?r:JSON.stringify(r)}`).join(" ")}function Jt({id:t,version:e,markdown:n,onClose:s,onOpen:r,onMove:a,onError:o}){let[l,p]=b(null),[v,c]=b(null),[$,h]=b(""),i=j(null);L(()=>{let u=!0;return A("GET",`/tasks/${t}`).then(y=>{u&&(p(y),c(null))}).catch(y=>u&&c(y instanceof U?y.message:String(y))),()=>{u=!1}},[t,e]),L(()=>{i.current?.focus()},[t]);let m=async u=>{if(u.preventDefault(),!!$.trim())try{await A("POST",`/tasks/${t}/comments`,{body:$}),h("");let y=await A("GET",`/tasks/${t}`);p(y)}catch(y){o(y instanceof U?y.message:String(y))}},f=l?.task;return d`<aside class="drawer" tabindex="-1" ref=${i} aria-label="Task details">
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
          ${Rt(f.id,f.status).map(u=>d`<button class=${`move move-${u}`} onClick=${()=>a(f,u)}>${u==="archived"?"Archive":`\u2192 ${G[u]}`}</button>`)}
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
          <${zt} title="Parents" refs=${l.parents} onOpen=${r} />
          <${zt} title="Children" refs=${l.children} onOpen=${r} />
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
          ${l.runs.length===0?d`<div class="muted">Not run yet.</div>`:d`<ul class="runs">${[...l.runs].reverse().map(u=>d`<${bn} key=${u.id} taskId=${f.id} run=${u} version=${e} />`)}</ul>`}
        </section>
        <section>
          <h3>Events</h3>
          <ol class="events">
            ${[...l.events].reverse().slice(0,50).map(u=>d`<li><span class="ev-kind">${u.kind}</span><span class="ev-text">${wn(u)}</span><span class="muted">${Q(u.created_at)}</span></li>`)}
          </ol>
        </section>
      </div>
    `:v?null:d`<div class="muted pad">Loading…</div>`}
  </aside>`}var ke=210,ne=52,Xe=70,Qe=18,Xt=400;function xn(t,e){let n=new Map(t.map(i=>[i.id,i])),s=e.filter(i=>n.has(i.parent_id)&&n.has(i.child_id)),a=[...new Set(s.flatMap(i=>[i.parent_id,i.child_id]))].slice(0,Xt),o=new Set(a),l=new Map;for(let i of s)!o.has(i.parent_id)||!o.has(i.child_id)||l.set(i.child_id,[...l.get(i.child_id)??[],i.parent_id]);let p=new Map,v=(i,m=0)=>{let f=p.get(i);if(f!==void 0)return f;if(m>Xt)return 0;let u=l.get(i)??[],y=u.length?1+Math.max(...u.map(k=>v(k,m+1))):0;return p.set(i,y),y},c=[];for(let i of a)(c[v(i)]??=[]).push(i);let $=new Map;c.forEach((i,m)=>{i.sort((f,u)=>n.get(f).created_at-n.get(u).created_at),i.forEach((f,u)=>{$.set(f,{card:n.get(f),x:20+m*(ke+Xe),y:20+u*(ne+Qe)})})});let h=Math.max(0,...c.map(i=>i.length));return{nodes:[...$.values()],edges:s.filter(i=>$.has(i.parent_id)&&$.has(i.child_id)).map(i=>[$.get(i.parent_id),$.get(i.child_id)]),width:40+c.length*(ke+Xe)-Xe,height:40+h*(ne+Qe)-Qe}}function Qt(t,e){return t.length>e?t.slice(0,e-1)+"\u2026":t}function Yt({cards:t,version:e,onOpen:n}){let[s,r]=b(null);if(L(()=>{A("GET","/links").then(o=>r(o.links)).catch(()=>r([]))},[e]),!s)return d`<div class="muted pad">Loading…</div>`;let a=xn(t,s);return a.nodes.length===0?d`
      <div class="graph-empty">
        <p>No dependencies among these tasks yet.</p>
        <p
          class="muted">Give a task a parent (in the create form, or <code>hermes kanban link</code>) to see the graph.</p>
      </div>
    `:d`
    <div class="graph-wrap">
      <svg class="graph" width=${a.width} height=${a.height} viewBox=${`0 0 ${a.width} ${a.height}`} role="img"
        aria-label="Dependency graph">
          <defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" class="arrow" /></marker></defs>
          ${a.edges.map(([o,l])=>{let p=o.x+ke,v=o.y+ne/2,c=l.x,$=l.y+ne/2,h=(p+c)/2;return d`<path class="edge" d=${`M ${p} ${v} C ${h} ${v}, ${h} ${$}, ${c-2} ${$}`} marker-end="url(#arrow)" />`})}
          ${a.nodes.map(o=>d`
              <g class=${`node st-${o.card.status}`} transform=${`translate(${o.x},${o.y})`} tabindex="0" role="button"
                aria-label=${o.card.title} onClick=${()=>n(o.card.id)}
                onKeyDown=${l=>l.key==="Enter"&&n(o.card.id)}>
                <rect width=${ke} height=${ne} rx="10" />
                <rect class="bar" width="5" height=${ne} rx="2" />
                <text x="14" y="21" class="node-title">${Qt(o.card.title,26)}</text>
                <text x="14" y="39" class="node-meta">${o.card.id} · ${o.card.status}${o.card.assignee?` \xB7 @${Qt(o.card.assignee,12)}`:""}</text>
              </g>
            `)}
        </svg>
    </div>
  `}var Cn=0;function Zt(){let t=/^#(t_[0-9a-f]{8})$/.exec(location.hash);return t?t[1]:null}function Sn(t,e){if(e.assignee==="-"&&t.assignee!==null||e.assignee&&e.assignee!=="-"&&t.assignee!==e.assignee||e.tenant&&t.tenant!==e.tenant)return!1;if(e.text){let n=e.text.toLowerCase();if(!`${t.id} ${t.title} ${t.assignee??""} ${t.body??""}`.toLowerCase().includes(n))return!1}return!0}function en(){let[t,e]=b(null),[n,s]=b(null),[r,a]=b("ok"),[o,l]=b(null),[p,v]=b([]),[c,$]=b(Zt()),[h,i]=b(0),[m,f]=b(0),[u,y]=b("board"),[k,C]=b(!1),[w,Z]=b(null),[q,R]=b("connecting"),[T,K]=b({assignee:"",tenant:"",text:""}),[I,O]=b(!1),[H,N]=b([]),Ye=j(null),be=j(c);be.current=c;let W=te((_,g)=>{let E={id:++Cn,kind:_,text:g};v(P=>[...P.slice(-3),E]),_==="info"&&setTimeout(()=>v(P=>P.filter(_e=>_e.id!==E.id)),4e3)},[]),z=te(async()=>{try{let _=await A("GET",`/board?include_archived=${I}`);Ut(_.now),e(_),l(null),f(g=>g+1)}catch(_){_ instanceof U&&_.status===401?a("missing"):l(_ instanceof Error?_.message:String(_))}},[I]);L(()=>{z()},[z]),L(()=>{A("GET","/config").then(_=>{s(_),_.default_tenant&&K(g=>({...g,tenant:g.tenant||_.default_tenant})),_.include_archived_by_default&&O(!0)}).catch(()=>{}),A("GET","/boards").then(_=>N(_.boards.filter(g=>g.exists).map(g=>g.name))).catch(()=>{})},[]);let Ze=t!==null;L(()=>{if(!Ze||r!=="ok")return;let _,g=()=>{clearTimeout(_),_=setTimeout(z,120)},E=new EventSource(`${We}${Ve(`/events?since=${t.latest_event_id}`)}`);return E.onopen=()=>R("live"),E.onerror=()=>R(E.readyState===EventSource.CLOSED?"offline":"connecting"),E.onmessage=P=>{R("live"),JSON.parse(P.data).events.some(Ee=>Ee.task_id===be.current)&&i(Ee=>Ee+1),g()},E.addEventListener("reset",g),()=>{clearTimeout(_),E.close()}},[Ze,r,z]),L(()=>{let _=()=>$(Zt());return addEventListener("hashchange",_),()=>removeEventListener("hashchange",_)},[]);let ee=te(_=>{$(_),history.replaceState(null,"",_?`#${_}`:location.pathname+location.search)},[]),we=te(async(_,g,E="")=>{try{await A("PATCH",`/tasks/${_.id}`,{status:g,...g==="blocked"&&E?{block_reason:E}:{}}),W("info",`${_.id} moved to ${G[g]}`),i(P=>P+1),z()}catch(P){W("error",`Cannot move '${_.title}': ${P instanceof Error?P.message:P}`)}},[z,W]),et=te((_,g)=>{if(g==="done"||g==="archived"||g==="blocked"){Z({title:g==="done"?"Complete task?":g==="archived"?"Archive task?":"Block task?",text:g==="done"?`Mark '${_.title}' as done. Its children whose parents are all done become ready.`:g==="archived"?`Archive '${_.title}'. A running worker is stopped.`:`Block '${_.title}' until someone unblocks it. A running worker is stopped.`,action:g==="done"?"Complete":g==="archived"?"Archive":"Block",reason:g==="blocked",onConfirm:E=>we(_,g,E)});return}we(_,g)},[we]),tn=async()=>{try{let _=await A("POST","/dispatch?max=8"),g=Array.isArray(_.spawned)?_.spawned.length:_.spawned??0;W("info",`Dispatcher ran: ${g} spawned`)}catch(_){W("error",_ instanceof Error?_.message:String(_))}};L(()=>{let _=g=>{let E=g.target,P=["INPUT","TEXTAREA","SELECT"].includes(E.tagName);if(g.key==="Escape"&&!k&&!w){P?E.blur():be.current&&ee(null);return}P||g.ctrlKey||g.metaKey||g.altKey||k||w||(g.key==="n"?(g.preventDefault(),C(!0)):g.key==="/"?(g.preventDefault(),Ye.current?.focus()):g.key==="g"&&y(_e=>_e==="board"?"graph":"board"))};return addEventListener("keydown",_),()=>removeEventListener("keydown",_)},[k,w,ee]);let xe=le(()=>t?t.columns.map(_=>({name:_.name,tasks:_.tasks.filter(g=>Sn(g,T))})):[],[t,T]),Ce=le(()=>xe.flatMap(_=>_.tasks),[xe]);if(r==="missing")return d`
      <div class="auth">
        <h1>hermes</h1>
        <p>This board needs its access token.</p>
        <p>Open the address that <code>hermes gateway start</code> or <code>hermes gateway status</code> prints — it ends in <code>?token=…</code>.</p>
      </div>
    `;let Se=t?t.columns.reduce((_,g)=>_+g.tasks.length,0):0,tt=n&&!n.dispatcher.running;return d`<div class=${`app ${c?"with-drawer":""}`}>
    <header class="topbar">
      <div class="brand"><span class="logo" aria-hidden="true"></span>hermes</div>
      ${H.length>1?d`
        <select class="board-pick" aria-label="Board" value=${Fe()||"default"}
          onChange=${_=>{let g=_.target.value;location.search=g==="default"?"":`?board=${encodeURIComponent(g)}`}}>${H.map(_=>d`<option value=${_}>${_}</option>`)}</select>
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
      <button class="ghost" onClick=${tn} title="Run the dispatcher once now">Nudge dispatcher</button>
      <button class="primary" onClick=${()=>C(!0)} title="New task (n)">+ New task</button>
    </header>
    <div class="filters">
      <input ref=${Ye} class="search" type="search" placeholder="Filter by text  ( / )" value=${T.text}
        aria-label="Filter by text" onInput=${_=>K({...T,text:_.target.value})} />
      <select aria-label="Assignee" value=${T.assignee} onChange=${_=>K({...T,assignee:_.target.value})}>
        <option value="">All assignees</option>
        <option value="-">Unassigned</option>
        ${(t?.assignees??[]).map(_=>d`<option value=${_}>@${_}</option>`)}
      </select>
      <select aria-label="Tenant" value=${T.tenant} onChange=${_=>K({...T,tenant:_.target.value})}>
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
          <button class="icon" aria-label="Dismiss" onClick=${()=>v(g=>g.filter(E=>E.id!==_.id))}>✕</button>
        </div>
      `)}
    </div>
    <main class="main">
      ${t?u==="board"?d`<${Bt} columns=${xe} onOpen=${ee} onMove=${et} selected=${c} />`:d`<${Yt} cards=${Ce} version=${m} onOpen=${ee} />`:d`<div class="muted pad">Loading…</div>`}
      ${c?d`
        <${Jt} id=${c} version=${h} markdown=${n?.render_markdown??!0}
          onClose=${()=>ee(null)} onOpen=${ee} onMove=${et} onError=${_=>W("error",_)} />
      `:null}
    </main>
    ${k?d`
        <${Vt} assignees=${t?.assignees??[]} tenants=${t?.tenants??[]}
          defaultTenant=${T.tenant} onClose=${()=>C(!1)}
          onCreated=${(_,g)=>{g?W("warning",`Task created, but: ${g}`):W("info",`Created ${_.id}`),z()}} />
      `:null}
    ${w?d`<${Ft} req=${w} onClose=${()=>Z(null)} />`:null}
  </div>`}pt(d`<${en} />`,document.getElementById("app"));
