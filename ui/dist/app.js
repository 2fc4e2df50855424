var S,lt,cn,F,De,$e,ct,fe,ut,Le,Ne,un,oe=Symbol.for("pv"),ge={},ve=[],dn=/^m(i|n|o|s|text|space)$/,Ie=Array.isArray,Pe=ve.slice,Q=Object.assign;function Y(t){t&&t.parentNode&&t.remove()}function A(t,e,n){var s,o,r,i={},l=arguments.length;for(r in e)r=="key"?s=e[r]:r=="ref"&&typeof t!="function"?o=e[r]:i[r]=e[r];return l>2&&(i.children=l>3?Pe.call(arguments,2):n),re(t,i,s,o,null)}function re(t,e,n,s,o){var r={type:t,props:e,key:n,ref:s,__k:null,__:null,__b:0,__e:null,__c:null,constructor:oe,__v:o||++lt,__i:-1,__u:0};return!o&&S.vnode&&S.vnode(r),r}function ye(t){return t.children}function he(t,e){this.props=t,this.context=e,this.__g=0}function G(t,e){if(e==null)return t.__&&G(t.__,t.__i+1);for(var n;e<t.__k.length;e++)if((n=t.__k[e])&&n.__e)return n.__e;return typeof t.type!="function"||t.props.__P?null:G(t)}function _n(t){var e,n=t.__v,s=n.__e,o=[],r=[],i=t.__P;i&&((e=Q({constructor:oe},n)).__v=n.__v+1,S.vnode&&S.vnode(e),Ue(i,e,n,t.__n,i.namespaceURI,32&n.__u?[s]:null,o,s||G(n),32&n.__u,r),e.__v=n.__v,e.__.__k[e.__i]=e,mt(o,e,r),n.__=n.__e=null,e.__e!=s&&dt(e))}function dt(t){if((t=t.__)&&t.__c&&!t.props.__P)return t.__e=null,t.__k.some(function(e){return e&&(t.__e=e.__e)}),dt(t)}function at(t){(8&t.__g||(t.__g|=8,F.push(t),$e++))&&De==S.debounceRendering||((De=S.debounceRendering)||queueMicrotask)(_t)}function _t(){try{for(var t,e=1;F.length;)F.length>e&&F.sort(ct),t=F.shift(),e=F.length,8&t.__g&&_n(t)}finally{($e=F.length)&&(De||queueMicrotask)(_t)}}function pt(t,e,n,s,o,r,i,l,h,y,u){var g,$,a,c,m,d,_=s.__k||ve,v=e.length;for(h=pn(n,e,_,h,v),g=0;g<v;g++)(a=n.__k[g])!=null&&($=~a.__i&&_[a.__i]||ge,a.__i=g,d=Ue(t,a,$,o,r,i,l,h,y,u),c=a.__e,($.ref!=a.ref||8&$.__u)&&($.ref&&Oe($.ref,null,a,$),a.ref&&u.push(a.ref,a.__c||c,a)),m=m||c,4&a.__u?(h=ft(a,h,t,!$.__v),$.__e&&($.__e=null)):typeof a.type=="function"&&d!==void 0?h=d:c&&(h=c.nextSibling),a.__u&=-21);return n.__e=m,h}function pn(t,e,n,s,o){var r,i,l,h,y,u,g,$,a,c=n.length,m=c,d=0,_=0,v=t.__k=Array(o);for(r=0;r<o;r++)(i=e[r])!=null&&typeof i!="boolean"&&typeof i!="function"?(typeof i!="object"||i.constructor===String?i=v[r]=re(null,i):Ie(i)?i=v[r]=re(ye,{children:i}):i.constructor===oe&&i.__b?i=v[r]=re(i.type,i.props,i.key,i.ref,i.__v):v[r]=i,h=r+d,i.__=t,i.__b=t.__b+1,l=null,~(y=i.__i=fn(i,n,h,m))&&(m--,(l=n[y])&&(l.__u|=2)),l&&l.__v?(i.__u|=16,y==h-1?d--:y==h+1?d++:y!=h&&(y>h?d--:d++,_=1)):(~y||(o>c?d--:o<c&&d++),typeof i.type!="function"&&(i.__u|=4))):v[r]=null;if(_){for(u=[],g=[],r=0;r<o;r++)if((i=v[r])&&16&i.__u){for(d=0,$=u.length;d<$;)u[a=d+$>>1]<i.__i?d=a+1:$=a;u[d]=i.__i,g[r]=d+1}for(d=u.length;r--;)g[r]&&(g[r]==d?d--:v[r].__u|=4)}if(m)for(r=0;r<c;r++)!(l=n[r])||2&l.__u||(l.__e==s&&(s=G(l)),Re(l,l));return s}function ft(t,e,n,s){var o,r,i,l;if(typeof t.type=="function"){if(t.props.__P)return e;if(o=t.__k)for(r=0;r<o.length;r++)o[r]&&(o[r].__=t,e=ft(o[r],e,n,!1));return e}for(e&&!e.parentNode&&(e=G(t))&&!e.parentNode&&(e=null),i=t.__e,l=e;l&&l.nodeType==8;)l=l.nextSibling;for(i!=l&&(!s&&n.moveBefore&&i.parentNode?n.moveBefore(i,e):n.insertBefore(i,e||null)),e=i;(e=e&&e.nextSibling)&&e.nodeType==8&&!e.data.startsWith("$s"););return e}function fn(t,e,n,s){var o,r=t.key,i=t.type,l=e[n],h=l&&!(2&l.__u);if(l===null&&r==null||h&&r==l.key&&i==l.type)return n;if(s>(h?1:0)){for(o=n-1;o>=0;o--)if((l=e[o])&&!(2&l.__u)&&r==l.key&&i==l.type)return o;for(o=n+1;o<e.length;o++)if((l=e[o])&&!(2&l.__u)&&r==l.key&&i==l.type)return o}return-1}function it(t,e,n){n==null&&(n=""),e[0]=="-"?t.setProperty(e,n):t[e]=n}function pe(t,e,n,s,o){var r,i;if(e=="style")if(typeof n=="string")t.style.cssText=n;else{if(typeof s=="string"&&(t.style.cssText=s=""),s)for(e in s)n&&e in n||it(t.style,e);if(n)for(e in n)s&&n[e]==s[e]||it(t.style,e,n[e])}else if(e[0]=="o"&&e[1]=="n")typeof n!="function"&&(n=null),typeof s!="function"&&(s=null),(t.__e||(t.__e={}))[e]=n,n&&s||(i=Ne[e]||(Ne[e]=hn(e)),(t.__a||(t.__a={}))[e]=Le,r=e!=(e=e.replace(ut,"$1")),(e=e.slice(2))[0]<"a"&&(e=e.toLowerCase()),n?t.addEventListener(e,i,r):t.removeEventListener(e,i,r));else{if(o=="http://www.w3.org/2000/svg")e=e.replace(/xlink(H|:h)/,"h").replace(/sName$/,"s");else if(e!="width"&&e!="height"&&e!="href"&&e!="list"&&e!="form"&&e!="tabIndex"&&e!="download"&&e!="rowSpan"&&e!="colSpan"&&e!="role"&&e!="popover"&&e in t)try{return void(t[e]=n??"")}catch{}if(typeof n=="function")return;n==null||n===!1&&e[4]!="-"?t.removeAttribute(e):t.setAttribute(e,e=="popover"&&n==1?"":n)}}function hn(t){return function(e){var n=this.__e;if(n){if(n=n[t],e[fe]==null)e[fe]=Le++;else if(e[fe]<this.__a[t])return;return n(S.event?S.event(e):e)}}}function Ue(t,e,n,s,o,r,i,l,h,y){var u,g,$,a,c,m,d,_,v,x,w,H,K,j,M,X,P,R,U=e.type;if(e.constructor!==oe)return null;128&n.__u&&(h=32&n.__u,u=n.__c.__z)&&(e.__u|=h,g=r=[],u.nodeType==8?l=me(u,r):r.push(u),l=r[0]||l),(u=S.__b)&&u(e);e:if(typeof U=="function"){$=i.length;try{if(_=e.props,v=(u=U.prototype)&&u.render,x=(u=U.contextType)&&s[u.__c],w=u?x?x.props.value:u.__:s,(a=n.__c)?(e.__c=a,2&a.__g&&(a.__g|=1)):(v?e.__c=a=new U(_,w):(e.__c=a=new he(_,w),a.constructor=U,a.render=$n),x&&x.sub(a),a.state||(a.state={}),a.__n=s,a.__g|=8,a.__h=[],a.__k=[]),v&&(a.__s||(a.__s=a.state),U.getDerivedStateFromProps&&(a.__s==a.state&&(a.__s=Q({},a.__s)),Q(a.__s,U.getDerivedStateFromProps(_,a.__s)))),c=a.props,m=a.state,a.__v=e,n.__c){if(_!==c&&v&&!U.getDerivedStateFromProps&&a.componentWillReceiveProps&&a.componentWillReceiveProps(_,w),e.__v==n.__v&&!(8&a.__g)||!(4&a.__g)&&a.shouldComponentUpdate&&a.shouldComponentUpdate(_,a.__s,w)===!1){e.__v!=n.__v&&(a.props=_,a.state=a.__s,a.__g&=-9),e.__e=n.__e,e.__k=n.__k,e.__k.some(function(L){L&&(L.__=e)}),ve.push.apply(a.__h,a.__k),a.__k=[],a.__h.length&&i.push(a),l=G(n);break e}a.componentWillUpdate&&a.componentWillUpdate(_,a.__s,w),v&&a.componentDidUpdate&&a.__h.push(function(){a.componentDidUpdate(c,m,d)})}else v&&!U.getDerivedStateFromProps&&a.componentWillMount&&a.componentWillMount(),v&&a.componentDidMount&&a.__h.push(a.componentDidMount);a.context=w,a.props=_,a.__P=t,a.__g&=-5,H=S.__r,K=v?25:0;do a.__g&=-9,H&&H(e),u=a.render(a.props,a.state=a.__s,a.context);while(8&a.__g&&++K<25);v&&(ve.push.apply(a.__h,a.__k),a.__k=[]),a.state=a.__s,a.getChildContext&&(s=Q({},s,a.getChildContext())),v&&n.__c&&a.getSnapshotBeforeUpdate&&(d=a.getSnapshotBeforeUpdate(c,m)),j=u&&u.type===ye&&u.key==null?u.props.children:u,_.__P&&(u=l,o=(t=_.__P).namespaceURI,h=r=null,n.props&&n.props.__P!=t&&(n.__k.some(function(L){L&&Re(L,L)}),n.__k=null),l=n.__k?G(n,0):null),l=pt(t,Ie(j)?j:[j],e,n,s,o,r,i,l,h,y),_.__P&&(e.__e=null,l=u),e.__u&=-161,g&&g.some(Y),a.__h.length&&i.push(a),1&a.__g&&(a.__g&=-4)}catch(L){if(i.length=$,e.__v=null,h||r)if(L&&L.then){if(e.__u|=128|h,r){for(~(P=r.indexOf(l||void 0))||(P=r.length);(R=r[P-1])&&R.nodeType==8;)P--;for(;P<r.length;P++)if(R=r[P])if(r[P]=null,M){if(R==X)break}else{if(R.nodeType!=8)break;R.data.startsWith("$s")&&(X=me(M=R))}}if(!M){for(;l&&l.nodeType==8&&l.nextSibling;)l=l.nextSibling;M=l}(u=me(M=e.__c.__z||(e.__c.__z=M)))?(e.__e=M,l=u):e.__e=l,l=l&&l.nextSibling}else r&&r.some(Y);else e.__e=n.__e;e.__k||(e.__k=n.__k||[]),L&&L.then||ht(e),S.__e(L,e,n)}}else l=e.__e=mn(n.__e,e,n,s,o,r,i,h,y,t);return(u=S.diffed)&&u(e),l}function me(t,e){if(t&&t.nodeType==8&&t.data.startsWith("$s"))for(var n=1;t=t.nextSibling;){if(t.nodeType==8){if(t.data.startsWith("$s"))n++;else if(t.data.startsWith("/$s")&&!--n)return t}e&&e.push(t)}}function ht(t){t&&(t.__c&&(t.__c.__g|=4),t.__k&&t.__k.some(ht))}function mt(t,e,n){for(var s=0;s<n.length;)Oe(n[s++],n[s++],n[s++]);S.__c&&S.__c(e,t),t.some(function(o){try{t=o.__h,o.__h=[],t.some(function(r){r.call(o)})}catch(r){S.__e(r,o.__v)}})}function mn(t,e,n,s,o,r,i,l,h,y){var u,g,$,a,c,m,d,_,v=n.props||ge,x=e.props,w=e.type;if(w=="svg"?o="http://www.w3.org/2000/svg":w=="math"?o="http://www.w3.org/1998/Math/MathML":o||(o="http://www.w3.org/1999/xhtml"),r){for(u=0;u<r.length;u++)if((c=r[u])&&(w?c.localName==w:c.nodeType==3)){t=c,r[u]=null;break}}if(!t){if(_=y.ownerDocument||document,!w)return _.createTextNode(x);t=_.createElementNS(o,w,x.is?x:y),l&&(S.__m&&S.__m(e,r),l=!1),r=null}if(w){if(y=w=="template"&&t.content||t,r=w=="textarea"&&x.defaultValue!=null?null:r&&Pe.call(y.childNodes),!l&&r)for(v={},u=0;u<t.attributes.length;u++)v[(c=t.attributes[u]).name]=c.value;for(u in v)c=v[u],u=="dangerouslySetInnerHTML"?$=c:u=="children"||u in x||u=="value"&&"defaultValue"in x||u=="checked"&&"defaultChecked"in x||pe(t,u,null,c,o);for(u in x)c=x[u],u=="children"?a=c:u=="dangerouslySetInnerHTML"?g=c:u=="value"?m=c:u=="checked"?d=c:l&&typeof c!="function"||v[u]===c||pe(t,u,c,v[u],o);g?(l||$&&(g.__html==$.__html||g.__html==t.innerHTML)||(t.innerHTML=g.__html),e.__k=[]):($&&(t.textContent=""),(w=="foreignObject"||o=="http://www.w3.org/1998/Math/MathML"&&dn.test(w))&&(o="http://www.w3.org/1999/xhtml"),pt(y,Ie(a)?a:[a],e,n,s,o,r,i,r?r[0]:n.__k&&G(n,0),l,h),r&&r.some(Y)),l&&w!="textarea"||(u="value",w=="progress"&&m==null?t.removeAttribute(u):m==null||m===t[u]&&(w!="progress"||m)||pe(t,u,m,v[u],o),u="checked",d!=null&&d!=t[u]&&pe(t,u,d,v[u],o))}else v===x||l&&t.data==x||(t.data=x);return t}function Oe(t,e,n,s){try{typeof t=="function"?e?e.__x=t(e)||1:s&&(s=s.__c||s.__e)&&(e=s.__x)&&(s.__x=null,typeof e=="function"?e():t(null)):t.current=e}catch(o){S.__e(o,n)}}function Re(t,e,n){var s,o,r,i;if(S.unmount&&S.unmount(t),!(s=t.ref)||s.current&&s.current!=t.__e||Oe(s,null,e,t),s=t.__c){if(s.componentWillUnmount)try{s.componentWillUnmount()}catch(l){S.__e(l,e)}s.__P=s.__n=null}if(s=t.__k)for(i=0;i<s.length;i++)s[i]&&Re(s[i],e,typeof t.type!="function"||n&&!t.props.__P);!n&&(s=t.__c)&&(s=s.__z)&&(o=me(s,r=[]))&&(s==t.__e&&r.some(Y),Y(o),Y(s)),n||Y(t.__e),t.__e=t.__c=t.__=null}function $n(t,e,n){return this.constructor(t,n)}function $t(t,e){var n,s,o,r;S.__&&S.__(t,e),e.nodeType==9&&(e=e.documentElement),s=(n=t&&32&t.__u)?null:e.__k,e.__k=re(ye,{children:[t]}),o=[],r=[],Ue(e,e.__k,s||ge,ge,e.namespaceURI,s?null:e.firstChild?Pe.call(e.childNodes):null,o,s?s.__e:e.firstChild,n,r),mt(o,e.__k,r),e.__k.props.children=null}S={__e:function(t,e,n,s){for(var o,r,i;e=e.__;)if((o=e.__c)&&!(1&o.__g)){o.__g|=4;try{if((i=(r=o.constructor)&&r.getDerivedStateFromError)&&o.setState(r.getDerivedStateFromError(t)),o.componentDidCatch&&(o.componentDidCatch(t,s||{}),i=1),i&&8&o.__g)return void(o.__g|=2)}catch(l){t=l}}throw $e=0,t}},lt=0,cn=function(t){return t!=null&&t.constructor===oe},he.prototype.setState=function(t,e){var n=this.__s;n&&n!=this.state||(n=this.__s=Q({},this.state)),typeof t=="function"&&(t=t(Q({},n),this.props)),t&&(Q(n,t),this.__v&&(e&&this.__k.push(e),at(this)))},he.prototype.forceUpdate=function(t){this.__v&&(this.__g|=4,t&&this.__h.push(t),at(this))},he.prototype.render=ye,F=[],$e=0,ct=function(t,e){return t.__v.__b-e.__v.__b},fe=Symbol(),ut=/(PointerCapture)$|Capture$/i,Le=0,Ne={},un=0;var ie,E,Be,gt,He=Object.is,le=0,Tt=[],je=[],C=S,vt=C.__b,yt=C.__r,bt=C.diffed,kt=C.__c,wt=C.unmount,xt=C.__;function Fe(t,e){C.__h&&C.__h(E,t,le||e),le=0;var n=E.__H||(E.__H={__:[],__h:[]});return t>=n.__.length&&n.__.push({}),n.__[t]}function k(t){return le=1,gn(Mt,t)}function gn(t,e,n){var s=Fe(ie++,2);if(s.t=t,!s.__c&&(s.__=[n?n(e):Mt(void 0,e),function(r){var i=(s.__N||s.__)[0],l=s.t(i,r);He(i,l)||(s.__N=[l,s.__[1]],s.__c.setState({}))}],s.__c=E,!E.__f)){E.__f=!0;var o=E.shouldComponentUpdate;E.shouldComponentUpdate=function(r,i,l){var h=this.__H;if(!h)return!0;var y=!1,u=this.props!=r;if(h.__.some(function($){$.__N&&(y=!0,He($.__[0],$.__N[0])||(u=!0))}),o){var g=o.call(this,r,i,l);return y?g||u:g}return!y||u}}return s.__}function D(t,e){var n=Fe(ie++,3);!C.__s&&Et(n.__H,e)&&(n.__P=!0,n.__=t,n.u=e,E.__H.__h.push(n))}function V(t){return le=5,ce(function(){return{current:t}},[])}function ce(t,e){var n=Fe(ie++,7);return Et(n.__H,e)&&(n.__=t(),n.__H=e),n.__}function ne(t,e){return le=8,ce(function(){return t},e)}function vn(){var t;do{for(;t=je.shift();)try{ae(t)}catch(n){C.__e(n,{__:(t=t.__P)&&t.__v})}for(;t=Tt.shift();){var e=t.__H;if(t.__P&&e)try{e.__h.some(ae),e.__h.some(We),e.__h=[]}catch(n){e.__h=[],C.__e(n,t.__v)}}}while(je.length)}C.__b=function(t){E=null,vt&&vt(t)},C.__=function(t,e){t&&e.__k&&e.__k.__m&&(t.__m=e.__k.__m),xt&&xt(t,e)},C.__r=function(t){yt&&yt(t),ie=0;var e=(E=t.__c).__H;e&&(Be==E?E.__h=[]:(e.__h.some(ae),e.__h.some(We),ie=0),e.__h=[],e.__.some(function(n){n.__N&&(n.__=n.__N),n.u=n.__N=void 0})),Be=E},C.diffed=function(t){bt&&bt(t);var e=t.__c;e&&e.__H&&(e.__H.__h.length&&Ct(Tt.push(e)),e.__H.__.some(function(n){n.u&&(n.__H=n.u)})),Be=E=null},C.__c=function(t,e){e.some(function(n){try{n.__h.some(ae),n.__h=n.__h.filter(function(s){return!s.__||We(s)})}catch(s){n.__h=[function(){throw s}]}}),kt&&kt(t,e)},C.unmount=function(t){wt&&wt(t);var e,n,s=t.__c;s&&s.__H&&(s.__H.__.some(function(o){try{if(o.__P&&o.__c){if(n===void 0){for(n=t.__;n&&(!n.__c||!n.__c.__P);)n=n.__;n=n&&n.__c}o.__P=n,Ct(je.push(o))}else ae(o)}catch(r){e=r}}),s.__H=void 0,e&&C.__e(e,s.__v))};var St=typeof requestAnimationFrame=="function";function yn(t){var e,n=function(){clearTimeout(s),St&&cancelAnimationFrame(e),setTimeout(t)},s=setTimeout(n,35);St&&(e=requestAnimationFrame(n))}function Ct(t){t!=1&&gt==C.requestAnimationFrame||((gt=C.requestAnimationFrame)||yn)(vn)}function ae(t){var e=E,n=t.__c;typeof n=="function"&&(t.__c=void 0,n()),E=e}function We(t){var e=E;t.__c=t.__(),E=e}function Et(t,e){return!t||t.length!=e.length||e.some(function(n,s){return!He(n,t[s])})}function Mt(t,e){return typeof e=="function"?e(t):e}var Ge="/api/plugins/kanban",O=class extends Error{status;code;constructor(e,n,s){super(s),this.status=e,this.code=n}};function Ve(){return new URLSearchParams(location.search).get("board")??""}function qe(t){let e=Ve();return e?t+(t.includes("?")?"&":"?")+"board="+encodeURIComponent(e):t}async function N(t,e,n){let s;try{s=await fetch(Ge+qe(e),{method:t,credentials:"same-origin",headers:n===void 0?{}:{"content-type":"application/json"},body:n===void 0?void 0:JSON.stringify(n)})}catch{throw new O(0,"offline","The gateway does not answer. Is it still running?")}let o=await s.text(),r=null;try{r=o?JSON.parse(o):null}catch{}if(!s.ok){let i=r;throw new O(s.status,i?.error?.code??"error",i?.detail??s.statusText)}return r}var bn={ok:0,failure:1,usage:2,interrupted:130},ze=class extends Error{code;exitCode;httpStatus;constructor(e,n,s,o){super(e),this.name=new.target.name,this.code=n,this.exitCode=s,this.httpStatus=o}},q=class extends ze{constructor(e,n="usage"){super(e,n,bn.usage,400)}};var At=["triage","todo","ready","running","blocked","done","archived"];var Ke=At;function kn(t){return Ke.includes(t)}function Xe(t,e,n){let s=(o,r="invalid_move",i=409)=>({refused:!0,http:i,code:r,message:o});if(!kn(n))return s(`unknown status: ${n} (expected one of ${Ke.join(", ")})`,"unknown_status",400);if(n==="running")return s("Cannot set status to 'running' directly: only the dispatcher starts tasks (move it to ready)","running_refused",400);if(e===n)return{kind:"noop"};if(e==="archived")return s(`${t} is archived; a status write never revives it \u2014 create a new task instead`,"terminal");if(e==="done")return n==="archived"?{kind:"archive"}:s(`${t} is done; a status write never reopens it \u2014 create a follow-up task instead`,"terminal");switch(n){case"archived":return{kind:"archive"};case"done":return e==="running"||e==="ready"||e==="blocked"?{kind:"complete"}:s(`cannot complete ${t}: it is ${e}; only ready, running or blocked tasks can be completed`);case"blocked":return e==="running"||e==="ready"?{kind:"block"}:s(`cannot block ${t}: it is ${e}; only ready or running tasks can be blocked`);case"ready":return e==="blocked"?{kind:"unblock"}:{kind:"direct",to:"ready"};case"todo":case"triage":return e==="running"?s(`cannot move ${t} to ${n} while it runs: move it to ready first (that stops its worker)`):{kind:"direct",to:n}}}function Dt(t,e){return Ke.filter(n=>n===e?!1:!("refused"in Xe(t,e,n)))}function ue(t){let e=Math.max(0,Math.floor(t));return e<60?`${e}s`:e<3600?`${Math.floor(e/60)}m ${String(e%60).padStart(2,"0")}s`:e<86400?`${Math.floor(e/3600)}h ${String(Math.floor(e%3600/60)).padStart(2,"0")}m`:`${Math.floor(e/86400)}d ${Math.floor(e%86400/3600)}h`}function Nt(t){if(t===null)return"";let e=Math.max(0,t);return e<60?"now":e<3600?`${Math.floor(e/60)}m`:e<86400?`${Math.floor(e/3600)}h`:`${Math.floor(e/86400)}d`}function Z(t){return t===null?"\u2014":new Date(t*1e3).toLocaleString()}var z={triage:"Triage",todo:"Todo",ready:"Ready",running:"In progress",blocked:"Blocked",done:"Done",archived:"Archived"},Lt={ready:[3600,86400],running:[600,3600],blocked:[3600,86400],todo:[7*86400,30*86400]};var Pt=function(t,e,n,s){var o;e[0]=0;for(var r=1;r<e.length;r++){var i=e[r++],l=e[r]?(e[0]|=i?1:2,n[e[r++]]):e[++r];i===3?s[0]=l:i===4?s[1]=Object.assign(s[1]||{},l):i===5?(s[1]=s[1]||{})[e[++r]]=l:i===6?s[1][e[++r]]+=l+"":i?(o=t.apply(l,Pt(t,l,n,["",null])),s.push(o),l[0]?e[0]|=2:(e[r-2]=0,e[r]=o)):s.push(l)}return s},It=new Map;function Ut(t){var e=It.get(this);return e||(e=new Map,It.set(this,e)),(e=Pt(this,e.get(t)||(e.set(t,e=function(n){for(var s,o,r=1,i="",l="",h=[0],y=function($){r===1&&($||(i=i.replace(/^\s*\n\s*|\s*\n\s*$/g,"")))?h.push(0,$,i):r===3&&($||i)?(h.push(3,$,i),r=2):r===2&&i==="..."&&$?h.push(4,$,0):r===2&&i&&!$?h.push(5,0,!0,i):r>=5&&((i||!$&&r===5)&&(h.push(r,0,i,o),r=6),$&&(h.push(r,$,0,o),r=6)),i=""},u=0;u<n.length;u++){u&&(r===1&&y(),y(u));for(var g=0;g<n[u].length;g++)s=n[u][g],r===1?s==="<"?(y(),h=[h],r=3):i+=s:r===4?i==="--"&&s===">"?(r=1,i=""):i=s+i[0]:l?s===l?l="":i+=s:s==='"'||s==="'"?l=s:s===">"?(y(),r=1):r&&(s==="="?(r=5,o=i,i=""):s==="/"&&(r<5||n[u][g+1]===">")?(y(),r===3&&(h=h[0]),r=h,(h=h[0]).push(2,0,r),r=0):s===" "||s==="	"||s===`
`||s==="\r"?(y(),r=2):i+=s),r===3&&i==="!--"&&(r=4,h=h[0])}return y(),h}(t)),e),arguments,[])).length>1?e:e[0]}var f=Ut.bind(A);var Je=t=>f`
    <svg class="icon-svg" width="13" height="13" viewBox="0 0 16 16" aria-hidden="true" fill="none"
      stroke="currentColor" stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round">
      <path d=${t} />
    </svg>
  `,Ot=()=>Je("M2.5 3.5h11v7h-6l-3.5 3v-3h-1.5z"),Rt=()=>Je("M4 2.5v4.5a2 2 0 0 0 2 2h4M10 6.5l2.5 2.5-2.5 2.5M4 13.5v-2"),Bt=()=>Je("M3 8.5l3 3 7-7");var Ht=0;function jt(t){Ht=t-Date.now()/1e3}function Wt(){return Date.now()/1e3+Ht}function wn({since:t}){let[,e]=k(0);return D(()=>{let n=setInterval(()=>e(s=>s+1),1e3);return()=>clearInterval(n)},[]),f`<span class="elapsed">${ue(Wt()-t)}</span>`}function xn(t){let e=Lt[t.status];if(!e)return"";let n=t.status==="running"&&t.run_started_at!==null?Wt()-t.run_started_at:t.age.created_age_seconds??0;return n>=e[1]?"stale-2":n>=e[0]?"stale-1":""}var B=null;function Sn({card:t,onOpen:e,selected:n}){let s=t,o=s.link_counts.parents+s.link_counts.children;return f`
    <article
      class=${`card status-${s.status} ${xn(s)} ${n?"selected":""}`}
      tabindex="0"
      draggable="true"
      data-id=${s.id}
      aria-label=${`${s.title}, ${z[s.status]}`}
      onClick=${()=>e(s.id)}
      onKeyDown=${r=>{(r.key==="Enter"||r.key===" ")&&(r.preventDefault(),e(s.id))}}
      onDragStart=${r=>{B=s,r.dataTransfer?.setData("text/x-hermes-task",s.id),r.dataTransfer?.setData("text/plain",s.id),r.dataTransfer&&(r.dataTransfer.effectAllowed="move")}}
      onDragEnd=${()=>B=null}
    >
      <div class="card-top">
          <span class="card-id">${s.id}</span>
          ${s.priority!==0?f`<span class="pill prio" title="priority">P${s.priority}</span>`:null}
          ${s.tenant?f`<span class="pill tenant" title="tenant">${s.tenant}</span>`:null}
        </div>
      <div class="card-title">${s.title}</div>
      <div class="card-meta">
          ${s.status==="running"?f`<span class="running" title="running"><span class="pulse"></span>${s.run_started_at!==null?f`<${wn} since=${s.run_started_at} />`:"running"}</span>`:null}
          <span class=${s.assignee?"assignee":"assignee none"}>${s.assignee?`@${s.assignee}`:"unassigned"}</span>
          <span class="spacer"></span>
          ${o?f`<span class="meta-item" title=${`${s.link_counts.parents} parent(s), ${s.link_counts.children} child(ren)`}><${Rt} />${o}</span>`:null}
          ${s.progress?f`<span class="meta-item" title="children done"><${Bt} />${s.progress.done}/${s.progress.total}</span>`:null}
          ${s.comment_count?f`<span class="meta-item" title="comments"><${Ot} />${s.comment_count}</span>`:null}
          <span class="meta-item age" title="age">${Nt(s.age.created_age_seconds)}</span>
        </div>
    </article>
  `}var Ye=60;function Cn({name:t,cards:e,onOpen:n,onMove:s,selected:o}){let[r,i]=k(Ye),[l,h]=k(""),[y,u]=k("");return f`
    <section
      class=${`column col-${t} ${l?`drop-${l}`:""}`}
      data-status=${t}
      onDragOver=${g=>{if(!B||B.status===t)return;let $=Xe(B.id,B.status,t);if("refused"in $){h("no"),u($.message);return}g.preventDefault(),h("ok")}}
      onDragLeave=${()=>{h(""),u("")}}
      onDrop=${g=>{g.preventDefault(),h(""),u(""),B&&B.status!==t&&s(B,t),B=null}}
    >
        <header class="column-head">
          <span class=${`dot dot-${t}`}></span>
          <h2>${z[t]}</h2>
          <span class="count">${e.length}</span>
        </header>
        ${l==="no"?f`<div class="drop-why" role="status">${y}</div>`:null}
        <div class="cards">
          ${e.slice(0,r).map(g=>f`<${Sn} key=${g.id} card=${g} onOpen=${n} selected=${o===g.id} />`)}
          ${e.length>r?f`<button class="more" onClick=${()=>i(r+Ye)}>Show ${Math.min(Ye,e.length-r)} more of ${e.length-r}</button>`:null}
          ${e.length===0?f`<div class="empty">No tasks</div>`:null}
        </div>
      </section>
  `}function Ft({columns:t,onOpen:e,onMove:n,selected:s}){return f`<div class="board">
    ${t.map(o=>f`
        <${Cn} key=${o.name} name=${o.name} cards=${o.tasks} onOpen=${e}
          onMove=${n} selected=${s} />
      `)}
  </div>`}function Gt(t,e){return Dt(t,e)}var ls=1024*1024;var cs=1024*1024;var us=new TextEncoder;var Tn=/^(\d+)\s*([smhd]?)$/i,En={"":1,s:1,m:60,h:3600,d:86400};function Vt(t,e){let n=Tn.exec(e.trim());if(!n)throw new q(`${t}: malformed duration '${e}' (use 300, 90s, 30m, 2h or 1d)`,"invalid_duration");let s=Number(n[1])*En[n[2].toLowerCase()];if(s>Mn)throw new q(`${t}: '${e}' is too long (at most 100 years)`,"invalid_duration");return s}var Mn=100*365*86400;function qt({title:t,onClose:e,children:n}){let s=V(null);return D(()=>{(s.current?.querySelector("input, textarea, select")??s.current?.querySelector("button[type=submit]"))?.focus();let r=i=>{i.key==="Escape"&&(i.stopPropagation(),e())};return addEventListener("keydown",r,!0),()=>removeEventListener("keydown",r,!0)},[]),f`
    <div class="backdrop" onClick=${o=>o.target===o.currentTarget&&e()}>
      <div class="modal" role="dialog" aria-modal="true" aria-label=${t} ref=${s}>
          <h2>${t}</h2>
          ${n}
        </div>
    </div>
  `}function zt({req:t,onClose:e}){let[n,s]=k("");return f`
    <${qt} title=${t.title} onClose=${e}>
      <form onSubmit=${o=>{o.preventDefault(),t.onConfirm(n),e()}}>
          <p>${t.text}</p>
          ${t.reason?f`<label>Reason<input name="reason" value=${n} onInput=${o=>s(o.target.value)} placeholder="what is needed to go on" /></label>`:null}
          <div class="actions">
            <button type="button" class="ghost" onClick=${e}>Cancel</button>
            <button type="submit" class="primary">${t.action}</button>
          </div>
        </form>
      <//>
  `}function Kt({assignees:t,tenants:e,defaultTenant:n,onClose:s,onCreated:o}){let[r,i]=k(null),[l,h]=k(!1),[y,u]=k("scratch");return f`
    <${qt} title="New task" onClose=${s}>
      <form class="create" onSubmit=${async $=>{$.preventDefault();let a=new FormData($.target),c=d=>String(a.get(d)??"").trim(),m={title:c("title"),body:c("body")||null,assignee:c("assignee")||null,tenant:c("tenant")||null,priority:c("priority")?Number(c("priority")):0,triage:a.get("triage")==="on",workspace_kind:y,workspace_path:y==="dir"&&c("workspace_path")||null,parents:c("parents").split(/[\s,]+/).filter(Boolean),skills:c("skills")?c("skills").split(",").map(d=>d.trim()).filter(Boolean):null,idempotency_key:c("idempotency_key")||null,created_by:c("created_by")||null};if(c("max_runtime"))try{m.max_runtime_seconds=Vt("Max runtime",c("max_runtime"))}catch(d){if(!(d instanceof q))throw d;i(d.message);return}if(c("max_retries")&&(m.max_retries=Number(c("max_retries"))),!Number.isInteger(m.priority)){i("Priority must be a whole number");return}h(!0);try{let d=await N("POST","/tasks",m);o(d.task,d.warning??null),s()}catch(d){i(d instanceof O?d.message:String(d))}finally{h(!1)}}}>
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
            <select name="workspace_kind" value=${y} onChange=${$=>u($.target.value)}>
              <option value="scratch">scratch</option>
              <option value="worktree">worktree</option>
              <option value="dir">dir</option>
            </select></label>
          ${y==="dir"?f`<label>Directory<input name="workspace_path" required placeholder="/absolute/path" /></label>`:null}
          <label>Max runtime<input name="max_runtime" placeholder="30m" /></label>
          <label>Max retries<input name="max_retries" type="number" min="1" step="1" /></label>
          <label>Skills<input name="skills" placeholder="comma, separated" /></label>
          <label>Idempotency key<input name="idempotency_key" /></label>
          <label>Created by<input name="created_by" placeholder="dashboard" /></label>
          <label class="check"><input type="checkbox" name="triage" /> Park in triage</label>
          ${r?f`<div class="form-error wide" role="alert">${r}</div>`:null}
          <div class="actions wide">
            <button type="button" class="ghost" onClick=${s}>Cancel</button>
            <button type="submit" class="primary" disabled=${l}>Create task</button>
          </div>
        </form>
      <//>
  `}function Xt(t){let e;try{e=new URL(t)}catch{return null}return e.protocol==="http:"||e.protocol==="https:"||e.protocol==="mailto:"?e.href:null}var Jt={target:"_blank",rel:"noopener noreferrer nofollow"},An=/[\s<>()]/,Dn=`.,;:!?'"`,we=class{text;find;#t;#e;constructor(e,n){this.text=e,this.find=n,this.#t=-1,this.#e=-1}next(e){return e>=this.#t&&(this.#e===-1?this.#t!==-1:e<=this.#e)?this.#e===-1?-1:this.#e:(this.#t=e,this.#e=this.find(e),this.#e)}};function ke(t){return t===" "||t==="	"||t===`
`||t==="\r"||t==="\f"||t==="\v"}function ee(t,e=0){if(e>4)return[t];let n=t.length,s=d=>new we(t,_=>t.indexOf(d,_)),o=s("**"),r=s("~~"),i=s("*"),l=s("]"),h=s(")"),y=s(`
`),u=new we(t,d=>{for(let _=d;_<n;_++)if(ke(t[_]))return _;return-1}),g=new Map;for(let d=0;d<n;){if(t[d]!=="`"){d++;continue}let _=d;for(;_<n&&t[_]==="`";)_++;let v=g.get(_-d)??{starts:[],next:0};v.starts.push(d),g.set(_-d,v),d=_}let $=[],a=0,c=0,m=d=>{d>a&&$.push(t.slice(a,d))};for(;c<n;){let d=t[c];if(d==="`"){let _=c;for(;_<n&&t[_]==="`";)_++;let v=g.get(_-c);if(!v){c=_;continue}for(;v.next<v.starts.length&&v.starts[v.next]<=c;)v.next++;if(v.next<v.starts.length){let x=v.starts[v.next];m(c),$.push(A("code",null,t.slice(_,x))),c=x+(_-c),a=c}else c=_;continue}if(d==="*"&&t[c+1]==="*"){let _=o.next(c+2);if(_>c+2){m(c),$.push(A("strong",null,ee(t.slice(c+2,_),e+1))),c=_+2,a=c;continue}}if(d==="~"&&t[c+1]==="~"){let _=r.next(c+2);if(_>c+2){m(c),$.push(A("del",null,ee(t.slice(c+2,_),e+1))),c=_+2,a=c;continue}}if(d==="*"&&t[c+1]!==void 0&&t[c+1]!=="*"&&!ke(t[c+1])){let _=i.next(c+1);if(_>c&&!ke(t[_-1])){m(c),$.push(A("em",null,ee(t.slice(c+1,_),e+1))),c=_+1,a=c;continue}}if(d==="["){let _=l.next(c+1),v=y.next(c+1);if(_>c+1&&(v===-1||v>_)&&t[_+1]==="("){let x=h.next(_+2),w=u.next(_+2);if(x>_+2&&(w===-1||w>x)){let H=Xt(t.slice(_+2,x));if(H){m(c),$.push(A("a",{href:H,...Jt},ee(t.slice(c+1,_),e+1))),c=x+1,a=c;continue}}}}if(d==="h"&&(t.startsWith("http://",c)||t.startsWith("https://",c))){let _=c;for(;_<n&&!An.test(t[_]);)_++;for(;_>c&&Dn.includes(t[_-1]);)_--;let v=_>c?Xt(t.slice(c,_)):null;if(v&&_>t.indexOf("//",c)+2){m(c),$.push(A("a",{href:v,...Jt},t.slice(c,_))),c=_,a=c;continue}c=Math.max(c+1,_);continue}c++}return m(n),$}var Yt=/^\s*(```|~~~)(.*)$/,Qt=/^(#{1,6})\s+(.*)$/,Qe=/^\s*[-*+]\s+(.*)$/,Ze=/^\s*(\d{1,9})[.)]\s+(.*)$/,be=/^\s*>\s?(.*)$/;function Zt(t){let e=t.replace(/\s/g,"");if(e.length<3||!"-*_".includes(e[0]))return!1;for(let n=1;n<e.length;n++)if(e[n]!==e[0])return!1;return!0}function Nn(t){let e=t.trimEnd(),n=e.length;for(;n>0&&e[n-1]==="#";)n--;return(n===0||ke(e[n-1]))&&(e=e.slice(0,n)),e.trimEnd()}function de(t,e=0){let n=t.replace(/\r\n?/g,`
`).split(`
`),s=[],o=0;for(;o<n.length;){let r=n[o];if(r.trim()===""){o++;continue}let i=Yt.exec(r);if(i){let u=[];for(o++;o<n.length&&!n[o].trimStart().startsWith(i[1]);)u.push(n[o++]);o++;let g=i[2].trim().split(/\s+/)[0];s.push(A("pre",g?{"data-lang":g}:null,A("code",null,u.join(`
`))));continue}let l=Qt.exec(r);if(l){s.push(A(`h${Math.min(6,l[1].length+2)}`,null,ee(Nn(l[2])))),o++;continue}if(Zt(r)){s.push(A("hr",null)),o++;continue}if(be.test(r)){let u=[];for(;o<n.length&&be.test(n[o]);)u.push(be.exec(n[o++])[1]);s.push(A("blockquote",null,e<3?de(u.join(`
`),e+1):[u.join(`
`)]));continue}let h=Ze.exec(r);if(Qe.test(r)||h){let u=h?Ze:Qe,g=[];for(;o<n.length&&u.test(n[o]);){let a=u.exec(n[o++]),c=h?a[2]:a[1];for(;o<n.length&&/^\s{2,}\S/.test(n[o])&&!u.test(n[o]);)c+=" "+n[o++].trim();g.push(ee(c))}let $=h?Number(h[1]):1;s.push(A(h?"ol":"ul",h&&$!==1?{start:$}:null,g.map(a=>A("li",null,a))));continue}let y=[];for(;o<n.length&&n[o].trim()!==""&&!Yt.test(n[o])&&!Qt.test(n[o])&&!be.test(n[o])&&!Qe.test(n[o])&&!Ze.test(n[o])&&!Zt(n[o]);)y.push(n[o++].trim());s.push(A("p",null,ee(y.join(" "))))}return s}function Ln({taskId:t,run:e,version:n}){let[s,o]=k(null),r=V(null);return D(()=>{N("GET",`/tasks/${t}/log?run=${e.id}&tail=65536`).then(o).catch(i=>o({content:String(i.message),exists:!1,truncated:!1}))},[t,e.id,n]),D(()=>{r.current&&(r.current.scrollTop=r.current.scrollHeight)},[s]),s?s.exists?f`<pre class="log" ref=${r}>${s.truncated?`\u2026
`:""}${s.content||"(empty)"}</pre>`:f`<div class="muted">No log for this run.</div>`:f`<div class="muted">Loading log…</div>`}function In({taskId:t,run:e,version:n}){let[s,o]=k(e.ended_at===null),r=(e.ended_at??Date.now()/1e3)-e.started_at;return f`<li class="run">
    <div class="run-head">
      <span class=${`pill run-${e.status}`}>${e.status}</span>
      <span>#${e.id}</span>
      ${e.profile?f`<span class="muted">@${e.profile}</span>`:null}
      <span class="muted">${Z(e.started_at)} · ${ue(r)}</span>
      ${e.exit_code!==null?f`<span class="muted">exit ${e.exit_code}</span>`:null}
      <span class="spacer"></span>
      <button class="link" onClick=${()=>o(!s)} aria-expanded=${s}>${s?"Hide log":"Show log"}</button>
    </div>
    ${e.summary?f`<div class="run-text">${e.summary}</div>`:null}
    ${e.error?f`<div class="run-text error-text">${e.error}</div>`:null}
    ${s?f`<${Ln} taskId=${t} run=${e} version=${n} />`:null}
  </li>`}function en({title:t,refs:e,onOpen:n}){return f`<div class="refs">
    <h3>${t}</h3>
    ${e.length===0?f`<div class="muted">None</div>`:f`<ul>${e.map(s=>f`<li><button class="ref" onClick=${()=>n(s.id)}>
            <span class=${`dot dot-${s.status}`}></span><span class="ref-title">${s.title}</span>
            <span class="muted">${s.id} · ${s.status}</span></button></li>`)}</ul>`}
  </div>`}function Pn(t){let e=t.payload??{};return Object.entries(e).filter(([,s])=>s!==null&&s!==""&&!(Array.isArray(s)&&s.length===0)).map(([s,o])=>`${s}=${typeof o=="string"?o:JSON.stringify(o)}`).join(" ")}function tn({id:t,version:e,markdown:n,onClose:s,onOpen:o,onMove:r,onError:i}){let[l,h]=k(null),[y,u]=k(null),[g,$]=k(""),a=V(null);D(()=>{let d=!0;return N("GET",`/tasks/${t}`).then(_=>{d&&(h(_),u(null))}).catch(_=>d&&u(_ instanceof O?_.message:String(_))),()=>{d=!1}},[t,e]),D(()=>{a.current?.focus()},[t]);let c=async d=>{if(d.preventDefault(),!!g.trim())try{await N("POST",`/tasks/${t}/comments`,{body:g}),$("");let _=await N("GET",`/tasks/${t}`);h(_)}catch(_){i(_ instanceof O?_.message:String(_))}},m=l?.task;return f`<aside class="drawer" tabindex="-1" ref=${a} aria-label="Task details">
    <div class="drawer-head">
      <span class="card-id">${t}</span>
      <span class="spacer"></span>
      <button class="icon" onClick=${s} aria-label="Close" title="Close (Esc)">✕</button>
    </div>
    ${y?f`<div class="banner error">${y}</div>`:null}
    ${m?f`
      <div class="drawer-body">
        <h1 class="task-title">${m.title}</h1>
        <div class="chips">
          <span class=${`pill status-pill st-${m.status}`}>${z[m.status]}</span>
          <span class="pill">${m.assignee?`@${m.assignee}`:"unassigned"}</span>
          ${m.priority?f`<span class="pill prio">P${m.priority}</span>`:null}
          ${m.tenant?f`<span class="pill tenant">${m.tenant}</span>`:null}
          ${m.skills.map(d=>f`<span class="pill">${d}</span>`)}
        </div>
        <div class="moves" role="group" aria-label="Move to">
          ${Gt(m.id,m.status).map(d=>f`<button class=${`move move-${d}`} onClick=${()=>r(m,d)}>${d==="archived"?"Archive":`\u2192 ${z[d]}`}</button>`)}
        </div>
        <section class="md">${m.body?n?de(m.body):f`<pre class="plain">${m.body}</pre>`:f`<p class="muted">No description.</p>`}</section>
        ${m.result?f`
            <section>
              <h3>Result</h3>
              <div class="md">${de(m.result)}</div>
            </section>
          `:null}
        ${m.last_failure_error?f`<div class="banner warning">Last failure (${m.consecutive_failures}): ${m.last_failure_error}</div>`:null}
        <dl class="details">
          <dt>Created</dt><dd>${Z(m.created_at)}${m.created_by?` by ${m.created_by}`:""}</dd>
          <dt>Started</dt><dd>${Z(m.started_at)}</dd>
          <dt>Completed</dt><dd>${Z(m.completed_at)}</dd>
          <dt>Workspace</dt><dd>${m.workspace_kind}${m.workspace_path?`: ${m.workspace_path}`:""}</dd>
          <dt>Max runtime</dt><dd>${m.max_runtime_seconds===null?"default":ue(m.max_runtime_seconds)}</dd>
          <dt>Max retries</dt><dd>${m.max_retries??"default"}</dd>
        </dl>
        <div class="two">
          <${en} title="Parents" refs=${l.parents} onOpen=${o} />
          <${en} title="Children" refs=${l.children} onOpen=${o} />
        </div>
        <section>
          <h3>Comments <span class="count">${l.comments.length}</span></h3>
          <ul class="comments">
            ${l.comments.map(d=>f`
                <li>
                  <div class="comment-head"><strong>${d.author}</strong><span class="muted">${Z(d.created_at)}</span></div>
                  <div class="md">${de(d.body)}</div>
                </li>
              `)}
          </ul>
          <form class="comment-form" onSubmit=${c}>
            <textarea name="comment" rows="2" placeholder="Add a comment (markdown)" value=${g}
              onInput=${d=>$(d.target.value)}
              onKeyDown=${d=>{d.key==="Enter"&&(d.ctrlKey||d.metaKey)&&c(d)}}></textarea>
            <button type="submit" class="primary" disabled=${!g.trim()}>Comment</button>
          </form>
        </section>
        <section>
          <h3>Runs <span class="count">${l.runs.length}</span></h3>
          ${l.runs.length===0?f`<div class="muted">Not run yet.</div>`:f`<ul class="runs">${[...l.runs].reverse().map(d=>f`<${In} key=${d.id} taskId=${m.id} run=${d} version=${e} />`)}</ul>`}
        </section>
        <section>
          <h3>Events</h3>
          <ol class="events">
            ${[...l.events].reverse().slice(0,50).map(d=>f`<li><span class="ev-kind">${d.kind}</span><span class="ev-text">${Pn(d)}</span><span class="muted">${Z(d.created_at)}</span></li>`)}
          </ol>
        </section>
      </div>
    `:y?null:f`<div class="muted pad">Loading…</div>`}
  </aside>`}var xe=210,se=52,et=70,tt=18,nn=400;function Un(t,e){let n=new Map(t.map(a=>[a.id,a])),s=e.filter(a=>n.has(a.parent_id)&&n.has(a.child_id)),r=[...new Set(s.flatMap(a=>[a.parent_id,a.child_id]))].slice(0,nn),i=new Set(r),l=new Map;for(let a of s)!i.has(a.parent_id)||!i.has(a.child_id)||l.set(a.child_id,[...l.get(a.child_id)??[],a.parent_id]);let h=new Map,y=(a,c=0)=>{let m=h.get(a);if(m!==void 0)return m;if(c>nn)return 0;let d=l.get(a)??[],_=d.length?1+Math.max(...d.map(v=>y(v,c+1))):0;return h.set(a,_),_},u=[];for(let a of r)(u[y(a)]??=[]).push(a);let g=new Map;u.forEach((a,c)=>{a.sort((m,d)=>n.get(m).created_at-n.get(d).created_at),a.forEach((m,d)=>{g.set(m,{card:n.get(m),x:20+c*(xe+et),y:20+d*(se+tt)})})});let $=Math.max(0,...u.map(a=>a.length));return{nodes:[...g.values()],edges:s.filter(a=>g.has(a.parent_id)&&g.has(a.child_id)).map(a=>[g.get(a.parent_id),g.get(a.child_id)]),width:40+u.length*(xe+et)-et,height:40+$*(se+tt)-tt}}function sn(t,e){return t.length>e?t.slice(0,e-1)+"\u2026":t}function rn({cards:t,version:e,onOpen:n}){let[s,o]=k(null);if(D(()=>{N("GET","/links").then(i=>o(i.links)).catch(()=>o([]))},[e]),!s)return f`<div class="muted pad">Loading…</div>`;let r=Un(t,s);return r.nodes.length===0?f`
      <div class="graph-empty">
        <p>No dependencies among these tasks yet.</p>
        <p
          class="muted">Give a task a parent (in the create form, or <code>hermes kanban link</code>) to see the graph.</p>
      </div>
    `:f`
    <div class="graph-wrap">
      <svg class="graph" width=${r.width} height=${r.height} viewBox=${`0 0 ${r.width} ${r.height}`} role="img"
        aria-label="Dependency graph">
          <defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" class="arrow" /></marker></defs>
          ${r.edges.map(([i,l])=>{let h=i.x+xe,y=i.y+se/2,u=l.x,g=l.y+se/2,$=(h+u)/2;return f`<path class="edge" d=${`M ${h} ${y} C ${$} ${y}, ${$} ${g}, ${u-2} ${g}`} marker-end="url(#arrow)" />`})}
          ${r.nodes.map(i=>f`
              <g class=${`node st-${i.card.status}`} transform=${`translate(${i.x},${i.y})`} tabindex="0" role="button"
                aria-label=${i.card.title} onClick=${()=>n(i.card.id)}
                onKeyDown=${l=>l.key==="Enter"&&n(i.card.id)}>
                <rect width=${xe} height=${se} rx="10" />
                <rect class="bar" width="5" height=${se} rx="2" />
                <text x="14" y="21" class="node-title">${sn(i.card.title,26)}</text>
                <text x="14" y="39" class="node-meta">${i.card.id} · ${i.card.status}${i.card.assignee?` \xB7 @${sn(i.card.assignee,12)}`:""}</text>
              </g>
            `)}
        </svg>
    </div>
  `}var On=0;function on(){let t=/^#(t_[0-9a-f]{8})$/.exec(location.hash);return t?t[1]:null}function Rn(t,e){if(e.assignee==="-"&&t.assignee!==null||e.assignee&&e.assignee!=="-"&&t.assignee!==e.assignee||e.tenant&&t.tenant!==e.tenant)return!1;if(e.text){let n=e.text.toLowerCase();if(!`${t.id} ${t.title} ${t.assignee??""} ${t.body??""}`.toLowerCase().includes(n))return!1}return!0}function an(){let[t,e]=k(null),[n,s]=k(null),[o,r]=k("ok"),[i,l]=k(null),[h,y]=k([]),[u,g]=k(on()),[$,a]=k(0),[c,m]=k(0),[d,_]=k("board"),[v,x]=k(!1),[w,H]=k(null),[K,j]=k("connecting"),[M,X]=k({assignee:"",tenant:"",text:""}),[P,R]=k(!1),[U,L]=k([]),nt=V(null),Se=V(u);Se.current=u;let W=ne((p,b)=>{let T={id:++On,kind:p,text:b};y(I=>[...I.slice(-3),T]),p==="info"&&setTimeout(()=>y(I=>I.filter(_e=>_e.id!==T.id)),4e3)},[]),J=ne(async()=>{try{let p=await N("GET",`/board?include_archived=${P}`);jt(p.now),e(p),l(null),m(b=>b+1)}catch(p){p instanceof O&&p.status===401?r("missing"):l(p instanceof Error?p.message:String(p))}},[P]);D(()=>{J()},[J]),D(()=>{N("GET","/config").then(p=>{s(p),p.default_tenant&&X(b=>({...b,tenant:b.tenant||p.default_tenant})),p.include_archived_by_default&&R(!0)}).catch(()=>{}),N("GET","/boards").then(p=>L(p.boards.filter(b=>b.exists).map(b=>b.name))).catch(()=>{})},[]);let st=t!==null;D(()=>{if(!st||o!=="ok")return;let p,b=()=>{clearTimeout(p),p=setTimeout(J,120)},T=new EventSource(`${Ge}${qe(`/events?since=${t.latest_event_id}`)}`);return T.onopen=()=>j("live"),T.onerror=()=>j(T.readyState===EventSource.CLOSED?"offline":"connecting"),T.onmessage=I=>{j("live"),JSON.parse(I.data).events.some(Ae=>Ae.task_id===Se.current)&&a(Ae=>Ae+1),b()},T.addEventListener("reset",b),()=>{clearTimeout(p),T.close()}},[st,o,J]),D(()=>{let p=()=>g(on());return addEventListener("hashchange",p),()=>removeEventListener("hashchange",p)},[]);let te=ne(p=>{g(p),history.replaceState(null,"",p?`#${p}`:location.pathname+location.search)},[]),Ce=ne(async(p,b,T="")=>{try{await N("PATCH",`/tasks/${p.id}`,{status:b,...b==="blocked"&&T?{block_reason:T}:{}}),W("info",`${p.id} moved to ${z[b]}`),a(I=>I+1),J()}catch(I){W("error",`Cannot move '${p.title}': ${I instanceof Error?I.message:I}`)}},[J,W]),rt=ne((p,b)=>{if(b==="done"||b==="archived"||b==="blocked"){H({title:b==="done"?"Complete task?":b==="archived"?"Archive task?":"Block task?",text:b==="done"?`Mark '${p.title}' as done. Its children whose parents are all done become ready.`:b==="archived"?`Archive '${p.title}'. A running worker is stopped.`:`Block '${p.title}' until someone unblocks it. A running worker is stopped.`,action:b==="done"?"Complete":b==="archived"?"Archive":"Block",reason:b==="blocked",onConfirm:T=>Ce(p,b,T)});return}Ce(p,b)},[Ce]),ln=async()=>{try{let p=await N("POST","/dispatch?max=8"),b=Array.isArray(p.spawned)?p.spawned.length:p.spawned??0;W("info",`Dispatcher ran: ${b} spawned`)}catch(p){W("error",p instanceof Error?p.message:String(p))}};D(()=>{let p=b=>{let T=b.target,I=["INPUT","TEXTAREA","SELECT"].includes(T.tagName);if(b.key==="Escape"&&!v&&!w){I?T.blur():Se.current&&te(null);return}I||b.ctrlKey||b.metaKey||b.altKey||v||w||(b.key==="n"?(b.preventDefault(),x(!0)):b.key==="/"?(b.preventDefault(),nt.current?.focus()):b.key==="g"&&_(_e=>_e==="board"?"graph":"board"))};return addEventListener("keydown",p),()=>removeEventListener("keydown",p)},[v,w,te]);let Te=ce(()=>t?t.columns.map(p=>({name:p.name,tasks:p.tasks.filter(b=>Rn(b,M))})):[],[t,M]),Ee=ce(()=>Te.flatMap(p=>p.tasks),[Te]);if(o==="missing")return f`
      <div class="auth">
        <h1>hermes</h1>
        <p>This board needs its access token.</p>
        <p>Open the address that <code>hermes gateway start</code> or <code>hermes gateway status</code> prints — it ends in <code>?token=…</code>.</p>
      </div>
    `;let Me=t?t.columns.reduce((p,b)=>p+b.tasks.length,0):0,ot=n&&!n.dispatcher.running;return f`<div class=${`app ${u?"with-drawer":""}`}>
    <header class="topbar">
      <div class="brand"><span class="logo" aria-hidden="true"></span>hermes</div>
      ${U.length>1?f`
        <select class="board-pick" aria-label="Board" value=${Ve()||"default"}
          onChange=${p=>{let b=p.target.value;location.search=b==="default"?"":`?board=${encodeURIComponent(b)}`}}>${U.map(p=>f`<option value=${p}>${p}</option>`)}</select>
      `:f`<span class="board-name">${t?.board??""}</span>`}
      <span class=${`live live-${K}`} title=${K==="live"?"Live updates on":"Reconnecting\u2026"}>
        <span class="live-dot"></span>${K==="live"?"Live":K==="connecting"?"Connecting":"Offline"}
      </span>
      ${n?f`<span class=${`disp ${ot?"off":"on"}`} title=${n.dispatcher.message||"dispatcher running"}>
          Dispatcher ${ot?"off":"on"}</span>`:null}
      <span class="spacer"></span>
      <div class="view-toggle" role="tablist">
        <button role="tab" aria-selected=${d==="board"} class=${d==="board"?"on":""} onClick=${()=>_("board")}>Board</button>
        <button role="tab" aria-selected=${d==="graph"} class=${d==="graph"?"on":""} onClick=${()=>_("graph")}>Graph</button>
      </div>
      <button class="ghost" onClick=${ln} title="Run the dispatcher once now">Nudge dispatcher</button>
      <button class="primary" onClick=${()=>x(!0)} title="New task (n)">+ New task</button>
    </header>
    <div class="filters">
      <input ref=${nt} class="search" type="search" placeholder="Filter by text  ( / )" value=${M.text}
        aria-label="Filter by text" onInput=${p=>X({...M,text:p.target.value})} />
      <select aria-label="Assignee" value=${M.assignee} onChange=${p=>X({...M,assignee:p.target.value})}>
        <option value="">All assignees</option>
        <option value="-">Unassigned</option>
        ${(t?.assignees??[]).map(p=>f`<option value=${p}>@${p}</option>`)}
      </select>
      <select aria-label="Tenant" value=${M.tenant} onChange=${p=>X({...M,tenant:p.target.value})}>
        <option value="">All tenants</option>
        ${(t?.tenants??[]).map(p=>f`<option value=${p}>${p}</option>`)}
      </select>
      <label class="check"><input type="checkbox" checked=${P} onChange=${p=>R(p.target.checked)} /> Archived</label>
      <span class="spacer"></span>
      <span class="muted">${Ee.length===Me?`${Me} tasks`:`${Ee.length} of ${Me} tasks`}</span>
    </div>
    <div class="banners" aria-live="polite">
      ${i?f`<div class="banner error">Cannot load the board: ${i}</div>`:null}
      ${h.map(p=>f`
        <div key=${p.id} class=${`banner ${p.kind}`} role=${p.kind==="error"?"alert":"status"}>
          <span>${p.text}</span>
          <button class="icon" aria-label="Dismiss" onClick=${()=>y(b=>b.filter(T=>T.id!==p.id))}>✕</button>
        </div>
      `)}
    </div>
    <main class="main">
      ${t?d==="board"?f`<${Ft} columns=${Te} onOpen=${te} onMove=${rt} selected=${u} />`:f`<${rn} cards=${Ee} version=${c} onOpen=${te} />`:f`<div class="muted pad">Loading…</div>`}
      ${u?f`
        <${tn} id=${u} version=${$} markdown=${n?.render_markdown??!0}
          onClose=${()=>te(null)} onOpen=${te} onMove=${rt} onError=${p=>W("error",p)} />
      `:null}
    </main>
    ${v?f`
        <${Kt} assignees=${t?.assignees??[]} tenants=${t?.tenants??[]}
          defaultTenant=${M.tenant} onClose=${()=>x(!1)}
          onCreated=${(p,b)=>{b?W("warning",`Task created, but: ${b}`):W("info",`Created ${p.id}`),J()}} />
      `:null}
    ${w?f`<${zt} req=${w} onClose=${()=>H(null)} />`:null}
  </div>`}$t(f`<${an} />`,document.getElementById("app"));
