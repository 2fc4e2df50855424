var S,pt,pn,K,Oe,ye,ft,ge,ht,Be,Pe,fn,ue=Symbol.for("pv"),be={},we=[],hn=/^m(i|n|o|s|text|space)$/,He=Array.isArray,We=we.slice,ee=Object.assign;function Q(t){t&&t.parentNode&&t.remove()}function I(t,e,n){var r,a,s,o={},l=arguments.length;for(s in e)s=="key"?r=e[s]:s=="ref"&&typeof t!="function"?a=e[s]:o[s]=e[s];return l>2&&(o.children=l>3?We.call(arguments,2):n),le(t,o,r,a,null)}function le(t,e,n,r,a){var s={type:t,props:e,key:n,ref:r,__k:null,__:null,__b:0,__e:null,__c:null,constructor:ue,__v:a||++pt,__i:-1,__u:0};return!a&&S.vnode&&S.vnode(s),s}function xe(t){return t.children}function $e(t,e){this.props=t,this.context=e,this.__g=0}function q(t,e){if(e==null)return t.__&&q(t.__,t.__i+1);for(var n;e<t.__k.length;e++)if((n=t.__k[e])&&n.__e)return n.__e;return typeof t.type!="function"||t.props.__P?null:q(t)}function mn(t){var e,n=t.__v,r=n.__e,a=[],s=[],o=t.__P;o&&((e=ee({constructor:ue},n)).__v=n.__v+1,S.vnode&&S.vnode(e),je(o,e,n,t.__n,o.namespaceURI,32&n.__u?[r]:null,a,r||q(n),32&n.__u,s),e.__v=n.__v,e.__.__k[e.__i]=e,yt(a,e,s),n.__=n.__e=null,e.__e!=r&&mt(e))}function mt(t){if((t=t.__)&&t.__c&&!t.props.__P)return t.__e=null,t.__k.some(function(e){return e&&(t.__e=e.__e)}),mt(t)}function dt(t){(8&t.__g||(t.__g|=8,K.push(t),ye++))&&Oe==S.debounceRendering||((Oe=S.debounceRendering)||queueMicrotask)(vt)}function vt(){try{for(var t,e=1;K.length;)K.length>e&&K.sort(ft),t=K.shift(),e=K.length,8&t.__g&&mn(t)}finally{(ye=K.length)&&(Oe||queueMicrotask)(vt)}}function gt(t,e,n,r,a,s,o,l,m,k,c){var g,v,i,u,h,d,_=r.__k||we,$=e.length;for(m=vn(n,e,_,m,$),g=0;g<$;g++)(i=n.__k[g])!=null&&(v=~i.__i&&_[i.__i]||be,i.__i=g,d=je(t,i,v,a,s,o,l,m,k,c),u=i.__e,(v.ref!=i.ref||8&v.__u)&&(v.ref&&Fe(v.ref,null,i,v),i.ref&&c.push(i.ref,i.__c||u,i)),h=h||u,4&i.__u?(m=$t(i,m,t,!v.__v),v.__e&&(v.__e=null)):typeof i.type=="function"&&d!==void 0?m=d:u&&(m=u.nextSibling),i.__u&=-21);return n.__e=h,m}function vn(t,e,n,r,a){var s,o,l,m,k,c,g,v,i,u=n.length,h=u,d=0,_=0,$=t.__k=Array(a);for(s=0;s<a;s++)(o=e[s])!=null&&typeof o!="boolean"&&typeof o!="function"?(typeof o!="object"||o.constructor===String?o=$[s]=le(null,o):He(o)?o=$[s]=le(xe,{children:o}):o.constructor===ue&&o.__b?o=$[s]=le(o.type,o.props,o.key,o.ref,o.__v):$[s]=o,m=s+d,o.__=t,o.__b=t.__b+1,l=null,~(k=o.__i=gn(o,n,m,h))&&(h--,(l=n[k])&&(l.__u|=2)),l&&l.__v?(o.__u|=16,k==m-1?d--:k==m+1?d++:k!=m&&(k>m?d--:d++,_=1)):(~k||(a>u?d--:a<u&&d++),typeof o.type!="function"&&(o.__u|=4))):$[s]=null;if(_){for(c=[],g=[],s=0;s<a;s++)if((o=$[s])&&16&o.__u){for(d=0,v=c.length;d<v;)c[i=d+v>>1]<o.__i?d=i+1:v=i;c[d]=o.__i,g[s]=d+1}for(d=c.length;s--;)g[s]&&(g[s]==d?d--:$[s].__u|=4)}if(h)for(s=0;s<u;s++)!(l=n[s])||2&l.__u||(l.__e==r&&(r=q(l)),Ve(l,l));return r}function $t(t,e,n,r){var a,s,o,l;if(typeof t.type=="function"){if(t.props.__P)return e;if(a=t.__k)for(s=0;s<a.length;s++)a[s]&&(a[s].__=t,e=$t(a[s],e,n,!1));return e}for(e&&!e.parentNode&&(e=q(t))&&!e.parentNode&&(e=null),o=t.__e,l=e;l&&l.nodeType==8;)l=l.nextSibling;for(o!=l&&(!r&&n.moveBefore&&o.parentNode?n.moveBefore(o,e):n.insertBefore(o,e||null)),e=o;(e=e&&e.nextSibling)&&e.nodeType==8&&!e.data.startsWith("$s"););return e}function gn(t,e,n,r){var a,s=t.key,o=t.type,l=e[n],m=l&&!(2&l.__u);if(l===null&&s==null||m&&s==l.key&&o==l.type)return n;if(r>(m?1:0)){for(a=n-1;a>=0;a--)if((l=e[a])&&!(2&l.__u)&&s==l.key&&o==l.type)return a;for(a=n+1;a<e.length;a++)if((l=e[a])&&!(2&l.__u)&&s==l.key&&o==l.type)return a}return-1}function _t(t,e,n){n==null&&(n=""),e[0]=="-"?t.setProperty(e,n):t[e]=n}function ve(t,e,n,r,a){var s,o;if(e=="style")if(typeof n=="string")t.style.cssText=n;else{if(typeof r=="string"&&(t.style.cssText=r=""),r)for(e in r)n&&e in n||_t(t.style,e);if(n)for(e in n)r&&n[e]==r[e]||_t(t.style,e,n[e])}else if(e[0]=="o"&&e[1]=="n")typeof n!="function"&&(n=null),typeof r!="function"&&(r=null),(t.__e||(t.__e={}))[e]=n,n&&r||(o=Pe[e]||(Pe[e]=$n(e)),(t.__a||(t.__a={}))[e]=Be,s=e!=(e=e.replace(ht,"$1")),(e=e.slice(2))[0]<"a"&&(e=e.toLowerCase()),n?t.addEventListener(e,o,s):t.removeEventListener(e,o,s));else{if(a=="http://www.w3.org/2000/svg")e=e.replace(/xlink(H|:h)/,"h").replace(/sName$/,"s");else if(e!="width"&&e!="height"&&e!="href"&&e!="list"&&e!="form"&&e!="tabIndex"&&e!="download"&&e!="rowSpan"&&e!="colSpan"&&e!="role"&&e!="popover"&&e in t)try{return void(t[e]=n??"")}catch{}if(typeof n=="function")return;n==null||n===!1&&e[4]!="-"?t.removeAttribute(e):t.setAttribute(e,e=="popover"&&n==1?"":n)}}function $n(t){return function(e){var n=this.__e;if(n){if(n=n[t],e[ge]==null)e[ge]=Be++;else if(e[ge]<this.__a[t])return;return n(S.event?S.event(e):e)}}}function je(t,e,n,r,a,s,o,l,m,k){var c,g,v,i,u,h,d,_,$,x,w,F,J,V,R,Y,U,H,O=e.type;if(e.constructor!==ue)return null;128&n.__u&&(m=32&n.__u,c=n.__c.__z)&&(e.__u|=m,g=s=[],c.nodeType==8?l=ke(c,s):s.push(c),l=s[0]||l),(c=S.__b)&&c(e);e:if(typeof O=="function"){v=o.length;try{if(_=e.props,$=(c=O.prototype)&&c.render,x=(c=O.contextType)&&r[c.__c],w=c?x?x.props.value:c.__:r,(i=n.__c)?(e.__c=i,2&i.__g&&(i.__g|=1)):($?e.__c=i=new O(_,w):(e.__c=i=new $e(_,w),i.constructor=O,i.render=yn),x&&x.sub(i),i.state||(i.state={}),i.__n=r,i.__g|=8,i.__h=[],i.__k=[]),$&&(i.__s||(i.__s=i.state),O.getDerivedStateFromProps&&(i.__s==i.state&&(i.__s=ee({},i.__s)),ee(i.__s,O.getDerivedStateFromProps(_,i.__s)))),u=i.props,h=i.state,i.__v=e,n.__c){if(_!==u&&$&&!O.getDerivedStateFromProps&&i.componentWillReceiveProps&&i.componentWillReceiveProps(_,w),e.__v==n.__v&&!(8&i.__g)||!(4&i.__g)&&i.shouldComponentUpdate&&i.shouldComponentUpdate(_,i.__s,w)===!1){e.__v!=n.__v&&(i.props=_,i.state=i.__s,i.__g&=-9),e.__e=n.__e,e.__k=n.__k,e.__k.some(function(L){L&&(L.__=e)}),we.push.apply(i.__h,i.__k),i.__k=[],i.__h.length&&o.push(i),l=q(n);break e}i.componentWillUpdate&&i.componentWillUpdate(_,i.__s,w),$&&i.componentDidUpdate&&i.__h.push(function(){i.componentDidUpdate(u,h,d)})}else $&&!O.getDerivedStateFromProps&&i.componentWillMount&&i.componentWillMount(),$&&i.componentDidMount&&i.__h.push(i.componentDidMount);i.context=w,i.props=_,i.__P=t,i.__g&=-5,F=S.__r,J=$?25:0;do i.__g&=-9,F&&F(e),c=i.render(i.props,i.state=i.__s,i.context);while(8&i.__g&&++J<25);$&&(we.push.apply(i.__h,i.__k),i.__k=[]),i.state=i.__s,i.getChildContext&&(r=ee({},r,i.getChildContext())),$&&n.__c&&i.getSnapshotBeforeUpdate&&(d=i.getSnapshotBeforeUpdate(u,h)),V=c&&c.type===xe&&c.key==null?c.props.children:c,_.__P&&(c=l,a=(t=_.__P).namespaceURI,m=s=null,n.props&&n.props.__P!=t&&(n.__k.some(function(L){L&&Ve(L,L)}),n.__k=null),l=n.__k?q(n,0):null),l=gt(t,He(V)?V:[V],e,n,r,a,s,o,l,m,k),_.__P&&(e.__e=null,l=c),e.__u&=-161,g&&g.some(Q),i.__h.length&&o.push(i),1&i.__g&&(i.__g&=-4)}catch(L){if(o.length=v,e.__v=null,m||s)if(L&&L.then){if(e.__u|=128|m,s){for(~(U=s.indexOf(l||void 0))||(U=s.length);(H=s[U-1])&&H.nodeType==8;)U--;for(;U<s.length;U++)if(H=s[U])if(s[U]=null,R){if(H==Y)break}else{if(H.nodeType!=8)break;H.data.startsWith("$s")&&(Y=ke(R=H))}}if(!R){for(;l&&l.nodeType==8&&l.nextSibling;)l=l.nextSibling;R=l}(c=ke(R=e.__c.__z||(e.__c.__z=R)))?(e.__e=R,l=c):e.__e=l,l=l&&l.nextSibling}else s&&s.some(Q);else e.__e=n.__e;e.__k||(e.__k=n.__k||[]),L&&L.then||kt(e),S.__e(L,e,n)}}else l=e.__e=kn(n.__e,e,n,r,a,s,o,m,k,t);return(c=S.diffed)&&c(e),l}function ke(t,e){if(t&&t.nodeType==8&&t.data.startsWith("$s"))for(var n=1;t=t.nextSibling;){if(t.nodeType==8){if(t.data.startsWith("$s"))n++;else if(t.data.startsWith("/$s")&&!--n)return t}e&&e.push(t)}}function kt(t){t&&(t.__c&&(t.__c.__g|=4),t.__k&&t.__k.some(kt))}function yt(t,e,n){for(var r=0;r<n.length;)Fe(n[r++],n[r++],n[r++]);S.__c&&S.__c(e,t),t.some(function(a){try{t=a.__h,a.__h=[],t.some(function(s){s.call(a)})}catch(s){S.__e(s,a.__v)}})}function kn(t,e,n,r,a,s,o,l,m,k){var c,g,v,i,u,h,d,_,$=n.props||be,x=e.props,w=e.type;if(w=="svg"?a="http://www.w3.org/2000/svg":w=="math"?a="http://www.w3.org/1998/Math/MathML":a||(a="http://www.w3.org/1999/xhtml"),s){for(c=0;c<s.length;c++)if((u=s[c])&&(w?u.localName==w:u.nodeType==3)){t=u,s[c]=null;break}}if(!t){if(_=k.ownerDocument||document,!w)return _.createTextNode(x);t=_.createElementNS(a,w,x.is?x:k),l&&(S.__m&&S.__m(e,s),l=!1),s=null}if(w){if(k=w=="template"&&t.content||t,s=w=="textarea"&&x.defaultValue!=null?null:s&&We.call(k.childNodes),!l&&s)for($={},c=0;c<t.attributes.length;c++)$[(u=t.attributes[c]).name]=u.value;for(c in $)u=$[c],c=="dangerouslySetInnerHTML"?v=u:c=="children"||c in x||c=="value"&&"defaultValue"in x||c=="checked"&&"defaultChecked"in x||ve(t,c,null,u,a);for(c in x)u=x[c],c=="children"?i=u:c=="dangerouslySetInnerHTML"?g=u:c=="value"?h=u:c=="checked"?d=u:l&&typeof u!="function"||$[c]===u||ve(t,c,u,$[c],a);g?(l||v&&(g.__html==v.__html||g.__html==t.innerHTML)||(t.innerHTML=g.__html),e.__k=[]):(v&&(t.textContent=""),(w=="foreignObject"||a=="http://www.w3.org/1998/Math/MathML"&&hn.test(w))&&(a="http://www.w3.org/1999/xhtml"),gt(k,He(i)?i:[i],e,n,r,a,s,o,s?s[0]:n.__k&&q(n,0),l,m),s&&s.some(Q)),l&&w!="textarea"||(c="value",w=="progress"&&h==null?t.removeAttribute(c):h==null||h===t[c]&&(w!="progress"||h)||ve(t,c,h,$[c],a),c="checked",d!=null&&d!=t[c]&&ve(t,c,d,$[c],a))}else $===x||l&&t.data==x||(t.data=x);return t}function Fe(t,e,n,r){try{typeof t=="function"?e?e.__x=t(e)||1:r&&(r=r.__c||r.__e)&&(e=r.__x)&&(r.__x=null,typeof e=="function"?e():t(null)):t.current=e}catch(a){S.__e(a,n)}}function Ve(t,e,n){var r,a,s,o;if(S.unmount&&S.unmount(t),!(r=t.ref)||r.current&&r.current!=t.__e||Fe(r,null,e,t),r=t.__c){if(r.componentWillUnmount)try{r.componentWillUnmount()}catch(l){S.__e(l,e)}r.__P=r.__n=null}if(r=t.__k)for(o=0;o<r.length;o++)r[o]&&Ve(r[o],e,typeof t.type!="function"||n&&!t.props.__P);!n&&(r=t.__c)&&(r=r.__z)&&(a=ke(r,s=[]))&&(r==t.__e&&s.some(Q),Q(a),Q(r)),n||Q(t.__e),t.__e=t.__c=t.__=null}function yn(t,e,n){return this.constructor(t,n)}function bt(t,e){var n,r,a,s;S.__&&S.__(t,e),e.nodeType==9&&(e=e.documentElement),r=(n=t&&32&t.__u)?null:e.__k,e.__k=le(xe,{children:[t]}),a=[],s=[],je(e,e.__k,r||be,be,e.namespaceURI,r?null:e.firstChild?We.call(e.childNodes):null,a,r?r.__e:e.firstChild,n,s),yt(a,e.__k,s),e.__k.props.children=null}S={__e:function(t,e,n,r){for(var a,s,o;e=e.__;)if((a=e.__c)&&!(1&a.__g)){a.__g|=4;try{if((o=(s=a.constructor)&&s.getDerivedStateFromError)&&a.setState(s.getDerivedStateFromError(t)),a.componentDidCatch&&(a.componentDidCatch(t,r||{}),o=1),o&&8&a.__g)return void(a.__g|=2)}catch(l){t=l}}throw ye=0,t}},pt=0,pn=function(t){return t!=null&&t.constructor===ue},$e.prototype.setState=function(t,e){var n=this.__s;n&&n!=this.state||(n=this.__s=ee({},this.state)),typeof t=="function"&&(t=t(ee({},n),this.props)),t&&(ee(n,t),this.__v&&(e&&this.__k.push(e),dt(this)))},$e.prototype.forceUpdate=function(t){this.__v&&(this.__g|=4,t&&this.__h.push(t),dt(this))},$e.prototype.render=xe,K=[],ye=0,ft=function(t,e){return t.__v.__b-e.__v.__b},ge=Symbol(),ht=/(PointerCapture)$|Capture$/i,Be=0,Pe={},fn=0;var de,T,Ge,wt,Ke=Object.is,_e=0,Mt=[],qe=[],E=S,xt=E.__b,St=E.__r,Ct=E.diffed,Et=E.__c,Tt=E.unmount,Rt=E.__;function Xe(t,e){E.__h&&E.__h(T,t,_e||e),_e=0;var n=T.__H||(T.__H={__:[],__h:[]});return t>=n.__.length&&n.__.push({}),n.__[t]}function b(t){return _e=1,bn(Dt,t)}function bn(t,e,n){var r=Xe(de++,2);if(r.t=t,!r.__c&&(r.__=[n?n(e):Dt(void 0,e),function(s){var o=(r.__N||r.__)[0],l=r.t(o,s);Ke(o,l)||(r.__N=[l,r.__[1]],r.__c.setState({}))}],r.__c=T,!T.__f)){T.__f=!0;var a=T.shouldComponentUpdate;T.shouldComponentUpdate=function(s,o,l){var m=this.__H;if(!m)return!0;var k=!1,c=this.props!=s;if(m.__.some(function(v){v.__N&&(k=!0,Ke(v.__[0],v.__N[0])||(c=!0))}),a){var g=a.call(this,s,o,l);return k?g||c:g}return!k||c}}return r.__}function A(t,e){var n=Xe(de++,3);!E.__s&&Nt(n.__H,e)&&(n.__P=!0,n.__=t,n.u=e,T.__H.__h.push(n))}function z(t){return _e=5,pe(function(){return{current:t}},[])}function pe(t,e){var n=Xe(de++,7);return Nt(n.__H,e)&&(n.__=t(),n.__H=e),n.__}function se(t,e){return _e=8,pe(function(){return t},e)}function wn(){var t;do{for(;t=qe.shift();)try{ce(t)}catch(n){E.__e(n,{__:(t=t.__P)&&t.__v})}for(;t=Mt.shift();){var e=t.__H;if(t.__P&&e)try{e.__h.some(ce),e.__h.some(ze),e.__h=[]}catch(n){e.__h=[],E.__e(n,t.__v)}}}while(qe.length)}E.__b=function(t){T=null,xt&&xt(t)},E.__=function(t,e){t&&e.__k&&e.__k.__m&&(t.__m=e.__k.__m),Rt&&Rt(t,e)},E.__r=function(t){St&&St(t),de=0;var e=(T=t.__c).__H;e&&(Ge==T?T.__h=[]:(e.__h.some(ce),e.__h.some(ze),de=0),e.__h=[],e.__.some(function(n){n.__N&&(n.__=n.__N),n.u=n.__N=void 0})),Ge=T},E.diffed=function(t){Ct&&Ct(t);var e=t.__c;e&&e.__H&&(e.__H.__h.length&&At(Mt.push(e)),e.__H.__.some(function(n){n.u&&(n.__H=n.u)})),Ge=T=null},E.__c=function(t,e){e.some(function(n){try{n.__h.some(ce),n.__h=n.__h.filter(function(r){return!r.__||ze(r)})}catch(r){n.__h=[function(){throw r}]}}),Et&&Et(t,e)},E.unmount=function(t){Tt&&Tt(t);var e,n,r=t.__c;r&&r.__H&&(r.__H.__.some(function(a){try{if(a.__P&&a.__c){if(n===void 0){for(n=t.__;n&&(!n.__c||!n.__c.__P);)n=n.__;n=n&&n.__c}a.__P=n,At(qe.push(a))}else ce(a)}catch(s){e=s}}),r.__H=void 0,e&&E.__e(e,r.__v))};var It=typeof requestAnimationFrame=="function";function xn(t){var e,n=function(){clearTimeout(r),It&&cancelAnimationFrame(e),setTimeout(t)},r=setTimeout(n,35);It&&(e=requestAnimationFrame(n))}function At(t){t!=1&&wt==E.requestAnimationFrame||((wt=E.requestAnimationFrame)||xn)(wn)}function ce(t){var e=T,n=t.__c;typeof n=="function"&&(t.__c=void 0,n()),T=e}function ze(t){var e=T;t.__c=t.__(),T=e}function Nt(t,e){return!t||t.length!=e.length||e.some(function(n,r){return!Ke(n,t[r])})}function Dt(t,e){return typeof e=="function"?e(t):e}var Je="/api/plugins/kanban",P=class extends Error{status;code;constructor(e,n,r){super(r),this.status=e,this.code=n}};function Ye(){return new URLSearchParams(location.search).get("board")??""}function Ze(t){let e=Ye();return e?t+(t.includes("?")?"&":"?")+"board="+encodeURIComponent(e):t}async function D(t,e,n){let r;try{r=await fetch(Je+Ze(e),{method:t,credentials:"same-origin",headers:n===void 0?{}:{"content-type":"application/json"},body:n===void 0?void 0:JSON.stringify(n)})}catch{throw new P(0,"offline","The gateway does not answer. Is it still running?")}let a=await r.text(),s=null;try{s=a?JSON.parse(a):null}catch{}if(!r.ok){let o=s;throw new P(r.status,o?.error?.code??"error",o?.detail??r.statusText)}return s}var N={ok:0,failure:1,usage:2,interrupted:130},Sn={usage:N.usage,invalid_input:N.usage,not_found:N.failure,conflict:N.failure,invalid_request:N.failure,invalid_state:N.failure,permission:N.failure,unauthorized:N.failure,store:N.failure,too_large:N.usage,unsupported_media:N.usage,misdirected:N.usage,method_not_allowed:N.usage,rate_limited:N.failure,unavailable:N.failure,failure:N.failure},Se=class extends Error{code;kind;constructor(e,n,r="failure"){super(e),this.name=new.target.name,this.code=n,this.kind=r}get exitCode(){return Sn[this.kind]}},B=class extends Se{constructor(e,n="usage"){super(e,n,"usage")}};var ae=class extends Se{constructor(e,n="invalid_state"){super(e,n,"invalid_state")}};var te=["triage","todo","scheduled","ready","running","blocked","review","done","archived"];function Lt(t){return te.includes(t)}var nr=1024*1024;var rr=1024*1024;var sr=new TextEncoder;var Cn=/^(\d+)\s*([smhd]?)$/i,En={"":1,s:1,m:60,h:3600,d:86400};function Ut(t,e){let n=Cn.exec(e.trim());if(!n)throw new B(`${t}: malformed duration '${e}' (use 300, 90s, 30m, 2h or 1d)`,"invalid_duration");let r=Number(n[1])*En[n[2].toLowerCase()];if(r>Tn)throw new B(`${t}: '${e}' is too long (at most 100 years)`,"invalid_duration");return r}var Tn=100*365*86400;var ar=10*366*86400;var fe={triage:{satisfiesChildren:!1,holdsRun:!1,terminal:null,drop:"direct"},todo:{satisfiesChildren:!1,holdsRun:!1,terminal:null,drop:"direct"},scheduled:{satisfiesChildren:!1,holdsRun:!1,terminal:null,drop:"schedule"},ready:{satisfiesChildren:!1,holdsRun:!1,terminal:null,drop:"direct"},running:{satisfiesChildren:!1,holdsRun:!0,terminal:null,drop:"refuse"},blocked:{satisfiesChildren:!1,holdsRun:!1,terminal:null,drop:"block"},review:{satisfiesChildren:!1,holdsRun:!1,terminal:null,drop:"review"},done:{satisfiesChildren:!0,holdsRun:!1,terminal:"a status write never reopens it \u2014 create a follow-up task instead",drop:"complete"},archived:{satisfiesChildren:!0,holdsRun:!1,terminal:"a status write never revives it \u2014 create a new task instead",drop:"archive"}},Rn={claim:["ready","review"],heartbeat:["running"],complete:["running","ready","blocked","review"],block:["running","ready"],unblock:["blocked","scheduled"],promote:["triage","scheduled","todo"],recompute:["todo"],archive:["triage","todo","scheduled","ready","running","blocked","review","done"],assign:["triage","todo","scheduled","ready","blocked","review","done","archived"],reclaim:["running"],schedule:["todo","scheduled","ready","running","blocked"],wake:["scheduled"],review:["running","ready","blocked"],send_back:["review","running"]};function Qe(t,e){return Rn[t].includes(e)}function In(t){return fe[t].terminal!==null}var hr=te.filter(In);function An(t){return fe[t].satisfiesChildren}var mr=te.filter(An);function Mn(t){return t.length<=1?t.join(""):`${t.slice(0,-1).join(", ")} or ${t.at(-1)}`}function et(t,e,n){if(!Lt(n))return new B(`unknown status: ${n} (expected one of ${te.join(", ")})`,"unknown_status");let r=fe[n].drop;if(r==="refuse")return new B(`Cannot set status to '${n}' directly: only the dispatcher starts tasks (move it to ready)`,"running_refused");if(e===n)return"noop";let a=fe[e].terminal;if(a!==null&&r!=="archive")return new ae(`${t} is ${e}; ${a}`,"terminal");switch(r){case"archive":return"archive";case"complete":case"block":case"schedule":case"review":{if(Qe(r,e))return r;let s=Mn(te.filter(o=>Qe(r,o)));return new ae(`cannot ${r} ${t}: it is ${e}; only ${s} tasks can be ${Nn[r]}`,"invalid_move")}case"direct":return fe[e].holdsRun&&n!=="ready"?new ae(`cannot move ${t} to ${n} while it runs: move it to ready first (that stops its worker)`,"invalid_move"):n==="ready"&&Qe("unblock",e)?"unblock":"direct"}}var Nn={complete:"completed",block:"blocked",schedule:"scheduled",review:"sent to review"};function Ot(t){return te.filter(e=>e!==t&&typeof et("",t,e)=="string")}function ie(t){let e=Math.max(0,Math.floor(t));return e<60?`${e}s`:e<3600?`${Math.floor(e/60)}m ${String(e%60).padStart(2,"0")}s`:e<86400?`${Math.floor(e/3600)}h ${String(Math.floor(e%3600/60)).padStart(2,"0")}m`:`${Math.floor(e/86400)}d ${Math.floor(e%86400/3600)}h`}function Pt(t){if(t===null)return"";let e=Math.max(0,t);return e<60?"now":e<3600?`${Math.floor(e/60)}m`:e<86400?`${Math.floor(e/3600)}h`:`${Math.floor(e/86400)}d`}function W(t){return t===null?"\u2014":new Date(t*1e3).toLocaleString()}var X={triage:"Triage",todo:"Todo",scheduled:"Scheduled",ready:"Ready",running:"In progress",blocked:"Blocked",review:"Review",done:"Done",archived:"Archived"},Bt={ready:[3600,86400],running:[600,3600],blocked:[3600,86400],todo:[7*86400,30*86400]};var Wt=function(t,e,n,r){var a;e[0]=0;for(var s=1;s<e.length;s++){var o=e[s++],l=e[s]?(e[0]|=o?1:2,n[e[s++]]):e[++s];o===3?r[0]=l:o===4?r[1]=Object.assign(r[1]||{},l):o===5?(r[1]=r[1]||{})[e[++s]]=l:o===6?r[1][e[++s]]+=l+"":o?(a=t.apply(l,Wt(t,l,n,["",null])),r.push(a),l[0]?e[0]|=2:(e[s-2]=0,e[s]=a)):r.push(l)}return r},Ht=new Map;function jt(t){var e=Ht.get(this);return e||(e=new Map,Ht.set(this,e)),(e=Wt(this,e.get(t)||(e.set(t,e=function(n){for(var r,a,s=1,o="",l="",m=[0],k=function(v){s===1&&(v||(o=o.replace(/^\s*\n\s*|\s*\n\s*$/g,"")))?m.push(0,v,o):s===3&&(v||o)?(m.push(3,v,o),s=2):s===2&&o==="..."&&v?m.push(4,v,0):s===2&&o&&!v?m.push(5,0,!0,o):s>=5&&((o||!v&&s===5)&&(m.push(s,0,o,a),s=6),v&&(m.push(s,v,0,a),s=6)),o=""},c=0;c<n.length;c++){c&&(s===1&&k(),k(c));for(var g=0;g<n[c].length;g++)r=n[c][g],s===1?r==="<"?(k(),m=[m],s=3):o+=r:s===4?o==="--"&&r===">"?(s=1,o=""):o=r+o[0]:l?r===l?l="":o+=r:r==='"'||r==="'"?l=r:r===">"?(k(),s=1):s&&(r==="="?(s=5,a=o,o=""):r==="/"&&(s<5||n[c][g+1]===">")?(k(),s===3&&(m=m[0]),s=m,(m=m[0]).push(2,0,s),s=0):r===" "||r==="	"||r===`
`||r==="\r"?(k(),s=2):o+=r),s===3&&o==="!--"&&(s=4,m=m[0])}return k(),m}(t)),e),arguments,[])).length>1?e:e[0]}var p=jt.bind(I);var tt=t=>p`
    <svg class="icon-svg" width="13" height="13" viewBox="0 0 16 16" aria-hidden="true" fill="none"
      stroke="currentColor" stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round">
      <path d=${t} />
    </svg>
  `,Ft=()=>tt("M2.5 3.5h11v7h-6l-3.5 3v-3h-1.5z"),Vt=()=>tt("M4 2.5v4.5a2 2 0 0 0 2 2h4M10 6.5l2.5 2.5-2.5 2.5M4 13.5v-2"),Gt=()=>tt("M3 8.5l3 3 7-7");var Kt=0;function qt(t){Kt=t-Date.now()/1e3}function Ce(){return Date.now()/1e3+Kt}function Dn({since:t}){let[,e]=b(0);return A(()=>{let n=setInterval(()=>e(r=>r+1),1e3);return()=>clearInterval(n)},[]),p`<span class="elapsed">${ie(Ce()-t)}</span>`}function Ln(t){let e=Bt[t.status];if(!e)return"";let n=t.status==="running"&&t.run_started_at!==null?Ce()-t.run_started_at:t.age.created_age_seconds??0;return n>=e[1]?"stale-2":n>=e[0]?"stale-1":""}var j=null;function Un({card:t,onOpen:e,selected:n}){let r=t,a=r.link_counts.parents+r.link_counts.children;return p`
    <article
      class=${`card status-${r.status} ${Ln(r)} ${n?"selected":""}`}
      tabindex="0"
      draggable="true"
      data-id=${r.id}
      aria-label=${`${r.title}, ${X[r.status]}`}
      onClick=${()=>e(r.id)}
      onKeyDown=${s=>{(s.key==="Enter"||s.key===" ")&&(s.preventDefault(),e(r.id))}}
      onDragStart=${s=>{j=r,s.dataTransfer?.setData("text/x-hermes-task",r.id),s.dataTransfer?.setData("text/plain",r.id),s.dataTransfer&&(s.dataTransfer.effectAllowed="move")}}
      onDragEnd=${()=>j=null}
    >
      <div class="card-top">
          <span class="card-id">${r.id}</span>
          ${r.priority!==0?p`<span class="pill prio" title="priority">P${r.priority}</span>`:null}
          ${r.tenant?p`<span class="pill tenant" title="tenant">${r.tenant}</span>`:null}
          ${r.status==="scheduled"&&r.scheduled_until!==null?p`<span class="pill due" title=${`becomes ready at ${W(r.scheduled_until)}`}>${r.scheduled_until>Ce()?`in ${ie(r.scheduled_until-Ce())}`:"due"}</span>`:null}
        </div>
      <div class="card-title">${r.title}</div>
      <div class="card-meta">
          ${r.status==="running"?p`<span class="running" title="running"><span class="pulse"></span>${r.run_started_at!==null?p`<${Dn} since=${r.run_started_at} />`:"running"}</span>`:null}
          <span class=${r.assignee?"assignee":"assignee none"}>${r.assignee?`@${r.assignee}`:"unassigned"}</span>
          <span class="spacer"></span>
          ${a?p`<span class="meta-item" title=${`${r.link_counts.parents} parent(s), ${r.link_counts.children} child(ren)`}><${Vt} />${a}</span>`:null}
          ${r.progress?p`<span class="meta-item" title="children done"><${Gt} />${r.progress.done}/${r.progress.total}</span>`:null}
          ${r.comment_count?p`<span class="meta-item" title="comments"><${Ft} />${r.comment_count}</span>`:null}
          <span class="meta-item age" title="age">${Pt(r.age.created_age_seconds)}</span>
        </div>
    </article>
  `}var nt=60;function On({name:t,cards:e,onOpen:n,onMove:r,selected:a}){let[s,o]=b(nt),[l,m]=b(""),[k,c]=b("");return p`
    <section
      class=${`column col-${t} ${l?`drop-${l}`:""}`}
      data-status=${t}
      onDragOver=${g=>{if(!j||j.status===t)return;let v=et(j.id,j.status,t);if(typeof v!="string"){m("no"),c(v.message);return}g.preventDefault(),m("ok")}}
      onDragLeave=${()=>{m(""),c("")}}
      onDrop=${g=>{g.preventDefault(),m(""),c(""),j&&j.status!==t&&r(j,t),j=null}}
    >
        <header class="column-head">
          <span class=${`dot dot-${t}`}></span>
          <h2>${X[t]}</h2>
          <span class="count">${e.length}</span>
        </header>
        ${l==="no"?p`<div class="drop-why" role="status">${k}</div>`:null}
        <div class="cards">
          ${e.slice(0,s).map(g=>p`<${Un} key=${g.id} card=${g} onOpen=${n} selected=${a===g.id} />`)}
          ${e.length>s?p`<button class="more" onClick=${()=>o(s+nt)}>Show ${Math.min(nt,e.length-s)} more of ${e.length-s}</button>`:null}
          ${e.length===0?p`<div class="empty">No tasks</div>`:null}
        </div>
      </section>
  `}function zt({columns:t,onOpen:e,onMove:n,selected:r}){return p`<div class="board">
    ${t.map(a=>p`
        <${On} key=${a.name} name=${a.name} cards=${a.tasks} onOpen=${e}
          onMove=${n} selected=${r} />
      `)}
  </div>`}function Xt(t){return Ot(t)}function Jt({title:t,onClose:e,children:n}){let r=z(null);return A(()=>{(r.current?.querySelector("input, textarea, select")??r.current?.querySelector("button[type=submit]"))?.focus();let s=o=>{o.key==="Escape"&&(o.stopPropagation(),e())};return addEventListener("keydown",s,!0),()=>removeEventListener("keydown",s,!0)},[]),p`
    <div class="backdrop" onClick=${a=>a.target===a.currentTarget&&e()}>
      <div class="modal" role="dialog" aria-modal="true" aria-label=${t} ref=${r}>
          <h2>${t}</h2>
          ${n}
        </div>
    </div>
  `}function Yt({req:t,onClose:e}){let[n,r]=b("");return p`
    <${Jt} title=${t.title} onClose=${e}>
      <form onSubmit=${a=>{a.preventDefault(),t.onConfirm(n),e()}}>
          <p>${t.text}</p>
          ${t.reason?p`<label>Reason<input name="reason" value=${n} onInput=${a=>r(a.target.value)} placeholder="what is needed to go on" /></label>`:null}
          <div class="actions">
            <button type="button" class="ghost" onClick=${e}>Cancel</button>
            <button type="submit" class="primary">${t.action}</button>
          </div>
        </form>
      <//>
  `}function Zt({assignees:t,tenants:e,defaultTenant:n,onClose:r,onCreated:a}){let[s,o]=b(null),[l,m]=b(!1),[k,c]=b("scratch");return p`
    <${Jt} title="New task" onClose=${r}>
      <form class="create" onSubmit=${async v=>{v.preventDefault();let i=new FormData(v.target),u=d=>String(i.get(d)??"").trim(),h={title:u("title"),body:u("body")||null,assignee:u("assignee")||null,tenant:u("tenant")||null,priority:u("priority")?Number(u("priority")):0,triage:i.get("triage")==="on",workspace_kind:k,workspace_path:k==="dir"&&u("workspace_path")||null,parents:u("parents").split(/[\s,]+/).filter(Boolean),skills:u("skills")?u("skills").split(",").map(d=>d.trim()).filter(Boolean):null,idempotency_key:u("idempotency_key")||null,created_by:u("created_by")||null};if(u("max_runtime"))try{h.max_runtime_seconds=Ut("Max runtime",u("max_runtime"))}catch(d){if(!(d instanceof B))throw d;o(d.message);return}if(u("max_retries")&&(h.max_retries=Number(u("max_retries"))),!Number.isInteger(h.priority)){o("Priority must be a whole number");return}m(!0);try{let d=await D("POST","/tasks",h);a(d.task,d.warning??null),r()}catch(d){o(d instanceof P?d.message:String(d))}finally{m(!1)}}}>
          <label class="wide">Title<input name="title" required maxlength="500" placeholder="what needs doing" /></label>
          <label class="wide">Description <small>(markdown; the shell profile runs it as a script)</small>
            <textarea name="body" rows="5"></textarea></label>
          <label>Assignee<input name="assignee" list="assignee-list" placeholder="profile, e.g. shell" /></label>
          <datalist id="assignee-list">${t.map(v=>p`<option value=${v} />`)}</datalist>
          <label>Priority<input name="priority" type="number" min="-1000" max="1000" step="1" value="0" /></label>
          <label>Parents<input name="parents" placeholder="t_1a2b3c4d, t_…" /></label>
          <label>Tenant<input name="tenant" list="tenant-list" value=${n} /></label>
          <datalist id="tenant-list">${e.map(v=>p`<option value=${v} />`)}</datalist>
          <label>Workspace
            <select name="workspace_kind" value=${k} onChange=${v=>c(v.target.value)}>
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
          ${s?p`<div class="form-error wide" role="alert">${s}</div>`:null}
          <div class="actions wide">
            <button type="button" class="ghost" onClick=${r}>Cancel</button>
            <button type="submit" class="primary" disabled=${l}>Create task</button>
          </div>
        </form>
      <//>
  `}function Qt(t){let e;try{e=new URL(t)}catch{return null}return e.protocol==="http:"||e.protocol==="https:"||e.protocol==="mailto:"?e.href:null}var en={target:"_blank",rel:"noopener noreferrer nofollow"},Pn=/[\s<>()]/,Bn=`.,;:!?'"`,Re=class{text;find;#t;#e;constructor(e,n){this.text=e,this.find=n,this.#t=-1,this.#e=-1}next(e){return e>=this.#t&&(this.#e===-1?this.#t!==-1:e<=this.#e)?this.#e===-1?-1:this.#e:(this.#t=e,this.#e=this.find(e),this.#e)}};function Te(t){return t===" "||t==="	"||t===`
`||t==="\r"||t==="\f"||t==="\v"}function ne(t,e=0){if(e>4)return[t];let n=t.length,r=d=>new Re(t,_=>t.indexOf(d,_)),a=r("**"),s=r("~~"),o=r("*"),l=r("]"),m=r(")"),k=r(`
`),c=new Re(t,d=>{for(let _=d;_<n;_++)if(Te(t[_]))return _;return-1}),g=new Map;for(let d=0;d<n;){if(t[d]!=="`"){d++;continue}let _=d;for(;_<n&&t[_]==="`";)_++;let $=g.get(_-d)??{starts:[],next:0};$.starts.push(d),g.set(_-d,$),d=_}let v=[],i=0,u=0,h=d=>{d>i&&v.push(t.slice(i,d))};for(;u<n;){let d=t[u];if(d==="`"){let _=u;for(;_<n&&t[_]==="`";)_++;let $=g.get(_-u);if(!$){u=_;continue}for(;$.next<$.starts.length&&$.starts[$.next]<=u;)$.next++;if($.next<$.starts.length){let x=$.starts[$.next];h(u),v.push(I("code",null,t.slice(_,x))),u=x+(_-u),i=u}else u=_;continue}if(d==="*"&&t[u+1]==="*"){let _=a.next(u+2);if(_>u+2){h(u),v.push(I("strong",null,ne(t.slice(u+2,_),e+1))),u=_+2,i=u;continue}}if(d==="~"&&t[u+1]==="~"){let _=s.next(u+2);if(_>u+2){h(u),v.push(I("del",null,ne(t.slice(u+2,_),e+1))),u=_+2,i=u;continue}}if(d==="*"&&t[u+1]!==void 0&&t[u+1]!=="*"&&!Te(t[u+1])){let _=o.next(u+1);if(_>u&&!Te(t[_-1])){h(u),v.push(I("em",null,ne(t.slice(u+1,_),e+1))),u=_+1,i=u;continue}}if(d==="["){let _=l.next(u+1),$=k.next(u+1);if(_>u+1&&($===-1||$>_)&&t[_+1]==="("){let x=m.next(_+2),w=c.next(_+2);if(x>_+2&&(w===-1||w>x)){let F=Qt(t.slice(_+2,x));if(F){h(u),v.push(I("a",{href:F,...en},ne(t.slice(u+1,_),e+1))),u=x+1,i=u;continue}}}}if(d==="h"&&(t.startsWith("http://",u)||t.startsWith("https://",u))){let _=u;for(;_<n&&!Pn.test(t[_]);)_++;for(;_>u&&Bn.includes(t[_-1]);)_--;let $=_>u?Qt(t.slice(u,_)):null;if($&&_>t.indexOf("//",u)+2){h(u),v.push(I("a",{href:$,...en},t.slice(u,_))),u=_,i=u;continue}u=Math.max(u+1,_);continue}u++}return h(n),v}var tn=/^\s*(```|~~~)(.*)$/,nn=/^(#{1,6})\s+(.*)$/,rt=/^\s*[-*+]\s+(.*)$/,st=/^\s*(\d{1,9})[.)]\s+(.*)$/,Ee=/^\s*>\s?(.*)$/;function rn(t){let e=t.replace(/\s/g,"");if(e.length<3||!"-*_".includes(e[0]))return!1;for(let n=1;n<e.length;n++)if(e[n]!==e[0])return!1;return!0}function Hn(t){let e=t.trimEnd(),n=e.length;for(;n>0&&e[n-1]==="#";)n--;return(n===0||Te(e[n-1]))&&(e=e.slice(0,n)),e.trimEnd()}function he(t,e=0){let n=t.replace(/\r\n?/g,`
`).split(`
`),r=[],a=0;for(;a<n.length;){let s=n[a];if(s.trim()===""){a++;continue}let o=tn.exec(s);if(o){let c=[];for(a++;a<n.length&&!n[a].trimStart().startsWith(o[1]);)c.push(n[a++]);a++;let g=o[2].trim().split(/\s+/)[0];r.push(I("pre",g?{"data-lang":g}:null,I("code",null,c.join(`
`))));continue}let l=nn.exec(s);if(l){r.push(I(`h${Math.min(6,l[1].length+2)}`,null,ne(Hn(l[2])))),a++;continue}if(rn(s)){r.push(I("hr",null)),a++;continue}if(Ee.test(s)){let c=[];for(;a<n.length&&Ee.test(n[a]);)c.push(Ee.exec(n[a++])[1]);r.push(I("blockquote",null,e<3?he(c.join(`
`),e+1):[c.join(`
`)]));continue}let m=st.exec(s);if(rt.test(s)||m){let c=m?st:rt,g=[];for(;a<n.length&&c.test(n[a]);){let i=c.exec(n[a++]),u=m?i[2]:i[1];for(;a<n.length&&/^\s{2,}\S/.test(n[a])&&!c.test(n[a]);)u+=" "+n[a++].trim();g.push(ne(u))}let v=m?Number(m[1]):1;r.push(I(m?"ol":"ul",m&&v!==1?{start:v}:null,g.map(i=>I("li",null,i))));continue}let k=[];for(;a<n.length&&n[a].trim()!==""&&!tn.test(n[a])&&!nn.test(n[a])&&!Ee.test(n[a])&&!rt.test(n[a])&&!st.test(n[a])&&!rn(n[a]);)k.push(n[a++].trim());r.push(I("p",null,ne(k.join(" "))))}return r}function Wn({taskId:t,run:e,version:n}){let[r,a]=b(null),s=z(null);return A(()=>{D("GET",`/tasks/${t}/log?run=${e.id}&tail=65536`).then(a).catch(o=>a({content:String(o.message),exists:!1,truncated:!1}))},[t,e.id,n]),A(()=>{s.current&&(s.current.scrollTop=s.current.scrollHeight)},[r]),r?r.exists?p`<pre class="log" ref=${s}>${r.truncated?`\u2026
`:""}${r.content||"(empty)"}</pre>`:p`<div class="muted">No log for this run.</div>`:p`<div class="muted">Loading log…</div>`}function jn({taskId:t,run:e,version:n}){let[r,a]=b(e.ended_at===null),s=(e.ended_at??Date.now()/1e3)-e.started_at;return p`<li class="run">
    <div class="run-head">
      <span class=${`pill run-${e.status}`}>${e.status}</span>
      <span>#${e.id}</span>
      ${e.profile?p`<span class="muted">@${e.profile}</span>`:null}
      <span class="muted">${W(e.started_at)} · ${ie(s)}</span>
      ${e.exit_code!==null?p`<span class="muted">exit ${e.exit_code}</span>`:null}
      <span class="spacer"></span>
      <button class="link" onClick=${()=>a(!r)} aria-expanded=${r}>${r?"Hide log":"Show log"}</button>
    </div>
    ${e.summary?p`<div class="run-text">${e.summary}</div>`:null}
    ${e.error?p`<div class="run-text error-text">${e.error}</div>`:null}
    ${r?p`<${Wn} taskId=${t} run=${e} version=${n} />`:null}
  </li>`}function sn({title:t,refs:e,onOpen:n}){return p`<div class="refs">
    <h3>${t}</h3>
    ${e.length===0?p`<div class="muted">None</div>`:p`<ul>${e.map(r=>p`<li><button class="ref" onClick=${()=>n(r.id)}>
            <span class=${`dot dot-${r.status}`}></span><span class="ref-title">${r.title}</span>
            <span class="muted">${r.id} · ${r.status}</span></button></li>`)}</ul>`}
  </div>`}function Fn(t){let e=t.payload??{};return Object.entries(e).filter(([,r])=>r!==null&&r!==""&&!(Array.isArray(r)&&r.length===0)).map(([r,a])=>`${r}=${typeof a=="string"?a:JSON.stringify(a)}`).join(" ")}function an({id:t,version:e,markdown:n,onClose:r,onOpen:a,onMove:s,onError:o}){let[l,m]=b(null),[k,c]=b(null),[g,v]=b(""),i=z(null);A(()=>{let d=!0;return D("GET",`/tasks/${t}`).then(_=>{d&&(m(_),c(null))}).catch(_=>d&&c(_ instanceof P?_.message:String(_))),()=>{d=!1}},[t,e]),A(()=>{i.current?.focus()},[t]);let u=async d=>{if(d.preventDefault(),!!g.trim())try{await D("POST",`/tasks/${t}/comments`,{body:g}),v("");let _=await D("GET",`/tasks/${t}`);m(_)}catch(_){o(_ instanceof P?_.message:String(_))}},h=l?.task;return p`<aside class="drawer" tabindex="-1" ref=${i} aria-label="Task details">
    <div class="drawer-head">
      <span class="card-id">${t}</span>
      <span class="spacer"></span>
      <button class="icon" onClick=${r} aria-label="Close" title="Close (Esc)">✕</button>
    </div>
    ${k?p`<div class="banner error">${k}</div>`:null}
    ${h?p`
      <div class="drawer-body">
        <h1 class="task-title">${h.title}</h1>
        <div class="chips">
          <span class=${`pill status-pill st-${h.status}`}>${X[h.status]}</span>
          <span class="pill">${h.assignee?`@${h.assignee}`:"unassigned"}</span>
          ${h.priority?p`<span class="pill prio">P${h.priority}</span>`:null}
          ${h.tenant?p`<span class="pill tenant">${h.tenant}</span>`:null}
          ${h.skills.map(d=>p`<span class="pill">${d}</span>`)}
        </div>
        <div class="moves" role="group" aria-label="Move to">
          ${Xt(h.status).map(d=>p`<button class=${`move move-${d}`} onClick=${()=>s(h,d)}>${d==="archived"?"Archive":`\u2192 ${X[d]}`}</button>`)}
        </div>
        <section class="md">${h.body?n?he(h.body):p`<pre class="plain">${h.body}</pre>`:p`<p class="muted">No description.</p>`}</section>
        ${h.result?p`
            <section>
              <h3>Result</h3>
              <div class="md">${he(h.result)}</div>
            </section>
          `:null}
        ${h.last_failure_error?p`<div class="banner warning">Last failure (${h.consecutive_failures}): ${h.last_failure_error}</div>`:null}
        ${h.status==="scheduled"?p`<div class="banner info">${l.scheduled_until===null?"Scheduled without a time: it waits until someone moves it on.":`Scheduled: becomes ready at ${W(l.scheduled_until)}.`}</div>`:null}
        ${h.block_recurrences>0?p`
            <div
              class="banner warning">Blocked ${h.block_recurrences} time(s) for ${h.block_kind??"an untyped reason"} since it last completed${h.status==="triage"?": in triage for a person to decide":""}.</div>
          `:null}
        <dl class="details">
          <dt>Created</dt><dd>${W(h.created_at)}${h.created_by?` by ${h.created_by}`:""}</dd>
          <dt>Started</dt><dd>${W(h.started_at)}</dd>
          <dt>Completed</dt><dd>${W(h.completed_at)}</dd>
          <dt>Workspace</dt><dd>${h.workspace_kind}${h.workspace_path?`: ${h.workspace_path}`:""}</dd>
          <dt>Max runtime</dt><dd>${h.max_runtime_seconds===null?"default":ie(h.max_runtime_seconds)}</dd>
          <dt>Max retries</dt><dd>${h.max_retries??"default"}</dd>
        </dl>
        <div class="two">
          <${sn} title="Parents" refs=${l.parents} onOpen=${a} />
          <${sn} title="Children" refs=${l.children} onOpen=${a} />
        </div>
        <section>
          <h3>Comments <span class="count">${l.comments.length}</span></h3>
          <ul class="comments">
            ${l.comments.map(d=>p`
                <li>
                  <div class="comment-head"><strong>${d.author}</strong><span class="muted">${W(d.created_at)}</span></div>
                  <div class="md">${he(d.body)}</div>
                </li>
              `)}
          </ul>
          <form class="comment-form" onSubmit=${u}>
            <textarea name="comment" rows="2" placeholder="Add a comment (markdown)" value=${g}
              onInput=${d=>v(d.target.value)}
              onKeyDown=${d=>{d.key==="Enter"&&(d.ctrlKey||d.metaKey)&&u(d)}}></textarea>
            <button type="submit" class="primary" disabled=${!g.trim()}>Comment</button>
          </form>
        </section>
        <section>
          <h3>Runs <span class="count">${l.runs.length}</span></h3>
          ${l.runs.length===0?p`<div class="muted">Not run yet.</div>`:p`<ul class="runs">${[...l.runs].reverse().map(d=>p`<${jn} key=${d.id} taskId=${h.id} run=${d} version=${e} />`)}</ul>`}
        </section>
        <section>
          <h3>Events</h3>
          <ol class="events">
            ${[...l.events].reverse().slice(0,50).map(d=>p`<li><span class="ev-kind">${d.kind}</span><span class="ev-text">${Fn(d)}</span><span class="muted">${W(d.created_at)}</span></li>`)}
          </ol>
        </section>
      </div>
    `:k?null:p`<div class="muted pad">Loading…</div>`}
  </aside>`}var Ie=210,oe=52,at=70,it=18,on=400;function Vn(t,e){let n=new Map(t.map(i=>[i.id,i])),r=e.filter(i=>n.has(i.parent_id)&&n.has(i.child_id)),s=[...new Set(r.flatMap(i=>[i.parent_id,i.child_id]))].slice(0,on),o=new Set(s),l=new Map;for(let i of r)!o.has(i.parent_id)||!o.has(i.child_id)||l.set(i.child_id,[...l.get(i.child_id)??[],i.parent_id]);let m=new Map,k=(i,u=0)=>{let h=m.get(i);if(h!==void 0)return h;if(u>on)return 0;let d=l.get(i)??[],_=d.length?1+Math.max(...d.map($=>k($,u+1))):0;return m.set(i,_),_},c=[];for(let i of s)(c[k(i)]??=[]).push(i);let g=new Map;c.forEach((i,u)=>{i.sort((h,d)=>n.get(h).created_at-n.get(d).created_at),i.forEach((h,d)=>{g.set(h,{card:n.get(h),x:20+u*(Ie+at),y:20+d*(oe+it)})})});let v=Math.max(0,...c.map(i=>i.length));return{nodes:[...g.values()],edges:r.filter(i=>g.has(i.parent_id)&&g.has(i.child_id)).map(i=>[g.get(i.parent_id),g.get(i.child_id)]),width:40+c.length*(Ie+at)-at,height:40+v*(oe+it)-it}}function ln(t,e){return t.length>e?t.slice(0,e-1)+"\u2026":t}function un({cards:t,version:e,onOpen:n}){let[r,a]=b(null);if(A(()=>{D("GET","/links").then(o=>a(o.links)).catch(()=>a([]))},[e]),!r)return p`<div class="muted pad">Loading…</div>`;let s=Vn(t,r);return s.nodes.length===0?p`
      <div class="graph-empty">
        <p>No dependencies among these tasks yet.</p>
        <p
          class="muted">Give a task a parent (in the create form, or <code>hermes kanban link</code>) to see the graph.</p>
      </div>
    `:p`
    <div class="graph-wrap">
      <svg class="graph" width=${s.width} height=${s.height} viewBox=${`0 0 ${s.width} ${s.height}`} role="img"
        aria-label="Dependency graph">
          <defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" class="arrow" /></marker></defs>
          ${s.edges.map(([o,l])=>{let m=o.x+Ie,k=o.y+oe/2,c=l.x,g=l.y+oe/2,v=(m+c)/2;return p`<path class="edge" d=${`M ${m} ${k} C ${v} ${k}, ${v} ${g}, ${c-2} ${g}`} marker-end="url(#arrow)" />`})}
          ${s.nodes.map(o=>p`
              <g class=${`node st-${o.card.status}`} transform=${`translate(${o.x},${o.y})`} tabindex="0" role="button"
                aria-label=${o.card.title} onClick=${()=>n(o.card.id)}
                onKeyDown=${l=>l.key==="Enter"&&n(o.card.id)}>
                <rect width=${Ie} height=${oe} rx="10" />
                <rect class="bar" width="5" height=${oe} rx="2" />
                <text x="14" y="21" class="node-title">${ln(o.card.title,26)}</text>
                <text x="14" y="39" class="node-meta">${o.card.id} · ${o.card.status}${o.card.assignee?` \xB7 @${ln(o.card.assignee,12)}`:""}</text>
              </g>
            `)}
        </svg>
    </div>
  `}var Gn=0,Kn={done:{title:"Complete task?",text:t=>`Mark '${t}' as done. Its children whose parents are all done become ready.`,action:"Complete",reason:!1},archived:{title:"Archive task?",text:t=>`Archive '${t}'. A running worker is stopped.`,action:"Archive",reason:!1},blocked:{title:"Block task?",text:t=>`Block '${t}' until someone unblocks it. A running worker is stopped.`,action:"Block",reason:!0},scheduled:{title:"Schedule task?",text:t=>`Park '${t}' in Scheduled until someone moves it on ('hermes kanban schedule' can give it a time instead). A running worker is stopped.`,action:"Schedule",reason:!0},review:{title:"Send to review?",text:t=>`Hand '${t}' to review: the dispatcher starts its assignee on it as the reviewer, who completes it or sends it back. A running worker is stopped.`,action:"Send to review",reason:!0}};function cn(){let t=/^#(t_[0-9a-f]{8})$/.exec(location.hash);return t?t[1]:null}function qn(t,e){if(e.assignee==="-"&&t.assignee!==null||e.assignee&&e.assignee!=="-"&&t.assignee!==e.assignee||e.tenant&&t.tenant!==e.tenant)return!1;if(e.text){let n=e.text.toLowerCase();if(!`${t.id} ${t.title} ${t.assignee??""} ${t.body??""}`.toLowerCase().includes(n))return!1}return!0}function dn(){let[t,e]=b(null),[n,r]=b(null),[a,s]=b("ok"),[o,l]=b(null),[m,k]=b([]),[c,g]=b(cn()),[v,i]=b(0),[u,h]=b(0),[d,_]=b("board"),[$,x]=b(!1),[w,F]=b(null),[J,V]=b("connecting"),[R,Y]=b({assignee:"",tenant:"",text:""}),[U,H]=b(!1),[O,L]=b([]),ot=z(null),Ae=z(c);Ae.current=c;let G=se((f,y)=>{let C={id:++Gn,kind:f,text:y};k(M=>[...M.slice(-3),C]),f==="info"&&setTimeout(()=>k(M=>M.filter(me=>me.id!==C.id)),4e3)},[]),Z=se(async()=>{try{let f=await D("GET",`/board?include_archived=${U}`);qt(f.now),e(f),l(null),h(y=>y+1)}catch(f){f instanceof P&&f.status===401?s("missing"):l(f instanceof Error?f.message:String(f))}},[U]);A(()=>{Z()},[Z]),A(()=>{D("GET","/config").then(f=>{r(f),f.default_tenant&&Y(y=>({...y,tenant:y.tenant||f.default_tenant})),f.include_archived_by_default&&H(!0)}).catch(()=>{}),D("GET","/boards").then(f=>L(f.boards.filter(y=>y.exists).map(y=>y.name))).catch(()=>{})},[]);let lt=t!==null;A(()=>{if(!lt||a!=="ok")return;let f,y=()=>{clearTimeout(f),f=setTimeout(Z,120)},C=new EventSource(`${Je}${Ze(`/events?since=${t.latest_event_id}`)}`);return C.onopen=()=>V("live"),C.onerror=()=>V(C.readyState===EventSource.CLOSED?"offline":"connecting"),C.onmessage=M=>{V("live"),JSON.parse(M.data).events.some(Ue=>Ue.task_id===Ae.current)&&i(Ue=>Ue+1),y()},C.addEventListener("reset",y),()=>{clearTimeout(f),C.close()}},[lt,a,Z]),A(()=>{let f=()=>g(cn());return addEventListener("hashchange",f),()=>removeEventListener("hashchange",f)},[]);let re=se(f=>{g(f),history.replaceState(null,"",f?`#${f}`:location.pathname+location.search)},[]),Me=se(async(f,y,C="")=>{try{await D("PATCH",`/tasks/${f.id}`,{status:y,...C&&["blocked","scheduled","review"].includes(y)?{block_reason:C}:{}}),G("info",`${f.id} moved to ${X[y]}`),i(M=>M+1),Z()}catch(M){G("error",`Cannot move '${f.title}': ${M instanceof Error?M.message:M}`)}},[Z,G]),ut=se((f,y)=>{let C=Kn[y];if(C){F({title:C.title,text:C.text(f.title),action:C.action,reason:C.reason,onConfirm:M=>Me(f,y,M)});return}Me(f,y)},[Me]),_n=async()=>{try{let f=await D("POST","/dispatch?max=8"),y=Array.isArray(f.spawned)?f.spawned.length:f.spawned??0;G("info",`Dispatcher ran: ${y} spawned`)}catch(f){G("error",f instanceof Error?f.message:String(f))}};A(()=>{let f=y=>{let C=y.target,M=["INPUT","TEXTAREA","SELECT"].includes(C.tagName);if(y.key==="Escape"&&!$&&!w){M?C.blur():Ae.current&&re(null);return}M||y.ctrlKey||y.metaKey||y.altKey||$||w||(y.key==="n"?(y.preventDefault(),x(!0)):y.key==="/"?(y.preventDefault(),ot.current?.focus()):y.key==="g"&&_(me=>me==="board"?"graph":"board"))};return addEventListener("keydown",f),()=>removeEventListener("keydown",f)},[$,w,re]);let Ne=pe(()=>t?t.columns.map(f=>({name:f.name,tasks:f.tasks.filter(y=>qn(y,R))})):[],[t,R]),De=pe(()=>Ne.flatMap(f=>f.tasks),[Ne]);if(a==="missing")return p`
      <div class="auth">
        <h1>hermes</h1>
        <p>This board needs its access token.</p>
        <p>Open the address that <code>hermes gateway start</code> or <code>hermes gateway status</code> prints — it ends in <code>?token=…</code>.</p>
      </div>
    `;let Le=t?t.columns.reduce((f,y)=>f+y.tasks.length,0):0,ct=n&&!n.dispatcher.running;return p`<div class=${`app ${c?"with-drawer":""}`}>
    <header class="topbar">
      <div class="brand"><span class="logo" aria-hidden="true"></span>hermes</div>
      ${O.length>1?p`
        <select class="board-pick" aria-label="Board" value=${Ye()||"default"}
          onChange=${f=>{let y=f.target.value;location.search=y==="default"?"":`?board=${encodeURIComponent(y)}`}}>${O.map(f=>p`<option value=${f}>${f}</option>`)}</select>
      `:p`<span class="board-name">${t?.board??""}</span>`}
      <span class=${`live live-${J}`} title=${J==="live"?"Live updates on":"Reconnecting\u2026"}>
        <span class="live-dot"></span>${J==="live"?"Live":J==="connecting"?"Connecting":"Offline"}
      </span>
      ${n?p`<span class=${`disp ${ct?"off":"on"}`} title=${n.dispatcher.message||"dispatcher running"}>
          Dispatcher ${ct?"off":"on"}</span>`:null}
      <span class="spacer"></span>
      <div class="view-toggle" role="tablist">
        <button role="tab" aria-selected=${d==="board"} class=${d==="board"?"on":""} onClick=${()=>_("board")}>Board</button>
        <button role="tab" aria-selected=${d==="graph"} class=${d==="graph"?"on":""} onClick=${()=>_("graph")}>Graph</button>
      </div>
      <button class="ghost" onClick=${_n} title="Run the dispatcher once now">Nudge dispatcher</button>
      <button class="primary" onClick=${()=>x(!0)} title="New task (n)">+ New task</button>
    </header>
    <div class="filters">
      <input ref=${ot} class="search" type="search" placeholder="Filter by text  ( / )" value=${R.text}
        aria-label="Filter by text" onInput=${f=>Y({...R,text:f.target.value})} />
      <select aria-label="Assignee" value=${R.assignee} onChange=${f=>Y({...R,assignee:f.target.value})}>
        <option value="">All assignees</option>
        <option value="-">Unassigned</option>
        ${(t?.assignees??[]).map(f=>p`<option value=${f}>@${f}</option>`)}
      </select>
      <select aria-label="Tenant" value=${R.tenant} onChange=${f=>Y({...R,tenant:f.target.value})}>
        <option value="">All tenants</option>
        ${(t?.tenants??[]).map(f=>p`<option value=${f}>${f}</option>`)}
      </select>
      <label class="check"><input type="checkbox" checked=${U} onChange=${f=>H(f.target.checked)} /> Archived</label>
      <span class="spacer"></span>
      <span class="muted">${De.length===Le?`${Le} tasks`:`${De.length} of ${Le} tasks`}</span>
    </div>
    <div class="banners" aria-live="polite">
      ${o?p`<div class="banner error">Cannot load the board: ${o}</div>`:null}
      ${m.map(f=>p`
        <div key=${f.id} class=${`banner ${f.kind}`} role=${f.kind==="error"?"alert":"status"}>
          <span>${f.text}</span>
          <button class="icon" aria-label="Dismiss" onClick=${()=>k(y=>y.filter(C=>C.id!==f.id))}>✕</button>
        </div>
      `)}
    </div>
    <main class="main">
      ${t?d==="board"?p`<${zt} columns=${Ne} onOpen=${re} onMove=${ut} selected=${c} />`:p`<${un} cards=${De} version=${u} onOpen=${re} />`:p`<div class="muted pad">Loading…</div>`}
      ${c?p`
        <${an} id=${c} version=${v} markdown=${n?.render_markdown??!0}
          onClose=${()=>re(null)} onOpen=${re} onMove=${ut} onError=${f=>G("error",f)} />
      `:null}
    </main>
    ${$?p`
        <${Zt} assignees=${t?.assignees??[]} tenants=${t?.tenants??[]}
          defaultTenant=${R.tenant} onClose=${()=>x(!1)}
          onCreated=${(f,y)=>{y?G("warning",`Task created, but: ${y}`):G("info",`Created ${f.id}`),Z()}} />
      `:null}
    ${w?p`<${Yt} req=${w} onClose=${()=>F(null)} />`:null}
  </div>`}bt(p`<${dn} />`,document.getElementById("app"));
