var S,_t,pn,V,Pe,ye,pt,$e,ft,Oe,Ue,fn,le=Symbol.for("pv"),be={},we=[],mn=/^m(i|n|o|s|text|space)$/,Be=Array.isArray,He=we.slice,Z=Object.assign;function Q(t){t&&t.parentNode&&t.remove()}function M(t,e,n){var r,a,s,i={},l=arguments.length;for(s in e)s=="key"?r=e[s]:s=="ref"&&typeof t!="function"?a=e[s]:i[s]=e[s];return l>2&&(i.children=l>3?He.call(arguments,2):n),ie(t,i,r,a,null)}function ie(t,e,n,r,a){var s={type:t,props:e,key:n,ref:r,__k:null,__:null,__b:0,__e:null,__c:null,constructor:le,__v:a||++_t,__i:-1,__u:0};return!a&&S.vnode&&S.vnode(s),s}function xe(t){return t.children}function ve(t,e){this.props=t,this.context=e,this.__g=0}function q(t,e){if(e==null)return t.__&&q(t.__,t.__i+1);for(var n;e<t.__k.length;e++)if((n=t.__k[e])&&n.__e)return n.__e;return typeof t.type!="function"||t.props.__P?null:q(t)}function hn(t){var e,n=t.__v,r=n.__e,a=[],s=[],i=t.__P;i&&((e=Z({constructor:le},n)).__v=n.__v+1,S.vnode&&S.vnode(e),je(i,e,n,t.__n,i.namespaceURI,32&n.__u?[r]:null,a,r||q(n),32&n.__u,s),e.__v=n.__v,e.__.__k[e.__i]=e,kt(a,e,s),n.__=n.__e=null,e.__e!=r&&mt(e))}function mt(t){if((t=t.__)&&t.__c&&!t.props.__P)return t.__e=null,t.__k.some(function(e){return e&&(t.__e=e.__e)}),mt(t)}function ct(t){(8&t.__g||(t.__g|=8,V.push(t),ye++))&&Pe==S.debounceRendering||((Pe=S.debounceRendering)||queueMicrotask)(ht)}function ht(){try{for(var t,e=1;V.length;)V.length>e&&V.sort(pt),t=V.shift(),e=V.length,8&t.__g&&hn(t)}finally{(ye=V.length)&&(Pe||queueMicrotask)(ht)}}function gt(t,e,n,r,a,s,i,l,m,k,c){var $,g,o,u,h,d,_=r.__k||we,v=e.length;for(m=gn(n,e,_,m,v),$=0;$<v;$++)(o=n.__k[$])!=null&&(g=~o.__i&&_[o.__i]||be,o.__i=$,d=je(t,o,g,a,s,i,l,m,k,c),u=o.__e,(g.ref!=o.ref||8&g.__u)&&(g.ref&&We(g.ref,null,o,g),o.ref&&c.push(o.ref,o.__c||u,o)),h=h||u,4&o.__u?(m=$t(o,m,t,!g.__v),g.__e&&(g.__e=null)):typeof o.type=="function"&&d!==void 0?m=d:u&&(m=u.nextSibling),o.__u&=-21);return n.__e=h,m}function gn(t,e,n,r,a){var s,i,l,m,k,c,$,g,o,u=n.length,h=u,d=0,_=0,v=t.__k=Array(a);for(s=0;s<a;s++)(i=e[s])!=null&&typeof i!="boolean"&&typeof i!="function"?(typeof i!="object"||i.constructor===String?i=v[s]=ie(null,i):Be(i)?i=v[s]=ie(xe,{children:i}):i.constructor===le&&i.__b?i=v[s]=ie(i.type,i.props,i.key,i.ref,i.__v):v[s]=i,m=s+d,i.__=t,i.__b=t.__b+1,l=null,~(k=i.__i=$n(i,n,m,h))&&(h--,(l=n[k])&&(l.__u|=2)),l&&l.__v?(i.__u|=16,k==m-1?d--:k==m+1?d++:k!=m&&(k>m?d--:d++,_=1)):(~k||(a>u?d--:a<u&&d++),typeof i.type!="function"&&(i.__u|=4))):v[s]=null;if(_){for(c=[],$=[],s=0;s<a;s++)if((i=v[s])&&16&i.__u){for(d=0,g=c.length;d<g;)c[o=d+g>>1]<i.__i?d=o+1:g=o;c[d]=i.__i,$[s]=d+1}for(d=c.length;s--;)$[s]&&($[s]==d?d--:v[s].__u|=4)}if(h)for(s=0;s<u;s++)!(l=n[s])||2&l.__u||(l.__e==r&&(r=q(l)),Fe(l,l));return r}function $t(t,e,n,r){var a,s,i,l;if(typeof t.type=="function"){if(t.props.__P)return e;if(a=t.__k)for(s=0;s<a.length;s++)a[s]&&(a[s].__=t,e=$t(a[s],e,n,!1));return e}for(e&&!e.parentNode&&(e=q(t))&&!e.parentNode&&(e=null),i=t.__e,l=e;l&&l.nodeType==8;)l=l.nextSibling;for(i!=l&&(!r&&n.moveBefore&&i.parentNode?n.moveBefore(i,e):n.insertBefore(i,e||null)),e=i;(e=e&&e.nextSibling)&&e.nodeType==8&&!e.data.startsWith("$s"););return e}function $n(t,e,n,r){var a,s=t.key,i=t.type,l=e[n],m=l&&!(2&l.__u);if(l===null&&s==null||m&&s==l.key&&i==l.type)return n;if(r>(m?1:0)){for(a=n-1;a>=0;a--)if((l=e[a])&&!(2&l.__u)&&s==l.key&&i==l.type)return a;for(a=n+1;a<e.length;a++)if((l=e[a])&&!(2&l.__u)&&s==l.key&&i==l.type)return a}return-1}function dt(t,e,n){n==null&&(n=""),e[0]=="-"?t.setProperty(e,n):t[e]=n}function ge(t,e,n,r,a){var s,i;if(e=="style")if(typeof n=="string")t.style.cssText=n;else{if(typeof r=="string"&&(t.style.cssText=r=""),r)for(e in r)n&&e in n||dt(t.style,e);if(n)for(e in n)r&&n[e]==r[e]||dt(t.style,e,n[e])}else if(e[0]=="o"&&e[1]=="n")typeof n!="function"&&(n=null),typeof r!="function"&&(r=null),(t.__e||(t.__e={}))[e]=n,n&&r||(i=Ue[e]||(Ue[e]=vn(e)),(t.__a||(t.__a={}))[e]=Oe,s=e!=(e=e.replace(ft,"$1")),(e=e.slice(2))[0]<"a"&&(e=e.toLowerCase()),n?t.addEventListener(e,i,s):t.removeEventListener(e,i,s));else{if(a=="http://www.w3.org/2000/svg")e=e.replace(/xlink(H|:h)/,"h").replace(/sName$/,"s");else if(e!="width"&&e!="height"&&e!="href"&&e!="list"&&e!="form"&&e!="tabIndex"&&e!="download"&&e!="rowSpan"&&e!="colSpan"&&e!="role"&&e!="popover"&&e in t)try{return void(t[e]=n??"")}catch{}if(typeof n=="function")return;n==null||n===!1&&e[4]!="-"?t.removeAttribute(e):t.setAttribute(e,e=="popover"&&n==1?"":n)}}function vn(t){return function(e){var n=this.__e;if(n){if(n=n[t],e[$e]==null)e[$e]=Oe++;else if(e[$e]<this.__a[t])return;return n(S.event?S.event(e):e)}}}function je(t,e,n,r,a,s,i,l,m,k){var c,$,g,o,u,h,d,_,v,x,w,W,X,F,I,J,P,H,U=e.type;if(e.constructor!==le)return null;128&n.__u&&(m=32&n.__u,c=n.__c.__z)&&(e.__u|=m,$=s=[],c.nodeType==8?l=ke(c,s):s.push(c),l=s[0]||l),(c=S.__b)&&c(e);e:if(typeof U=="function"){g=i.length;try{if(_=e.props,v=(c=U.prototype)&&c.render,x=(c=U.contextType)&&r[c.__c],w=c?x?x.props.value:c.__:r,(o=n.__c)?(e.__c=o,2&o.__g&&(o.__g|=1)):(v?e.__c=o=new U(_,w):(e.__c=o=new ve(_,w),o.constructor=U,o.render=yn),x&&x.sub(o),o.state||(o.state={}),o.__n=r,o.__g|=8,o.__h=[],o.__k=[]),v&&(o.__s||(o.__s=o.state),U.getDerivedStateFromProps&&(o.__s==o.state&&(o.__s=Z({},o.__s)),Z(o.__s,U.getDerivedStateFromProps(_,o.__s)))),u=o.props,h=o.state,o.__v=e,n.__c){if(_!==u&&v&&!U.getDerivedStateFromProps&&o.componentWillReceiveProps&&o.componentWillReceiveProps(_,w),e.__v==n.__v&&!(8&o.__g)||!(4&o.__g)&&o.shouldComponentUpdate&&o.shouldComponentUpdate(_,o.__s,w)===!1){e.__v!=n.__v&&(o.props=_,o.state=o.__s,o.__g&=-9),e.__e=n.__e,e.__k=n.__k,e.__k.some(function(N){N&&(N.__=e)}),we.push.apply(o.__h,o.__k),o.__k=[],o.__h.length&&i.push(o),l=q(n);break e}o.componentWillUpdate&&o.componentWillUpdate(_,o.__s,w),v&&o.componentDidUpdate&&o.__h.push(function(){o.componentDidUpdate(u,h,d)})}else v&&!U.getDerivedStateFromProps&&o.componentWillMount&&o.componentWillMount(),v&&o.componentDidMount&&o.__h.push(o.componentDidMount);o.context=w,o.props=_,o.__P=t,o.__g&=-5,W=S.__r,X=v?25:0;do o.__g&=-9,W&&W(e),c=o.render(o.props,o.state=o.__s,o.context);while(8&o.__g&&++X<25);v&&(we.push.apply(o.__h,o.__k),o.__k=[]),o.state=o.__s,o.getChildContext&&(r=Z({},r,o.getChildContext())),v&&n.__c&&o.getSnapshotBeforeUpdate&&(d=o.getSnapshotBeforeUpdate(u,h)),F=c&&c.type===xe&&c.key==null?c.props.children:c,_.__P&&(c=l,a=(t=_.__P).namespaceURI,m=s=null,n.props&&n.props.__P!=t&&(n.__k.some(function(N){N&&Fe(N,N)}),n.__k=null),l=n.__k?q(n,0):null),l=gt(t,Be(F)?F:[F],e,n,r,a,s,i,l,m,k),_.__P&&(e.__e=null,l=c),e.__u&=-161,$&&$.some(Q),o.__h.length&&i.push(o),1&o.__g&&(o.__g&=-4)}catch(N){if(i.length=g,e.__v=null,m||s)if(N&&N.then){if(e.__u|=128|m,s){for(~(P=s.indexOf(l||void 0))||(P=s.length);(H=s[P-1])&&H.nodeType==8;)P--;for(;P<s.length;P++)if(H=s[P])if(s[P]=null,I){if(H==J)break}else{if(H.nodeType!=8)break;H.data.startsWith("$s")&&(J=ke(I=H))}}if(!I){for(;l&&l.nodeType==8&&l.nextSibling;)l=l.nextSibling;I=l}(c=ke(I=e.__c.__z||(e.__c.__z=I)))?(e.__e=I,l=c):e.__e=l,l=l&&l.nextSibling}else s&&s.some(Q);else e.__e=n.__e;e.__k||(e.__k=n.__k||[]),N&&N.then||vt(e),S.__e(N,e,n)}}else l=e.__e=kn(n.__e,e,n,r,a,s,i,m,k,t);return(c=S.diffed)&&c(e),l}function ke(t,e){if(t&&t.nodeType==8&&t.data.startsWith("$s"))for(var n=1;t=t.nextSibling;){if(t.nodeType==8){if(t.data.startsWith("$s"))n++;else if(t.data.startsWith("/$s")&&!--n)return t}e&&e.push(t)}}function vt(t){t&&(t.__c&&(t.__c.__g|=4),t.__k&&t.__k.some(vt))}function kt(t,e,n){for(var r=0;r<n.length;)We(n[r++],n[r++],n[r++]);S.__c&&S.__c(e,t),t.some(function(a){try{t=a.__h,a.__h=[],t.some(function(s){s.call(a)})}catch(s){S.__e(s,a.__v)}})}function kn(t,e,n,r,a,s,i,l,m,k){var c,$,g,o,u,h,d,_,v=n.props||be,x=e.props,w=e.type;if(w=="svg"?a="http://www.w3.org/2000/svg":w=="math"?a="http://www.w3.org/1998/Math/MathML":a||(a="http://www.w3.org/1999/xhtml"),s){for(c=0;c<s.length;c++)if((u=s[c])&&(w?u.localName==w:u.nodeType==3)){t=u,s[c]=null;break}}if(!t){if(_=k.ownerDocument||document,!w)return _.createTextNode(x);t=_.createElementNS(a,w,x.is?x:k),l&&(S.__m&&S.__m(e,s),l=!1),s=null}if(w){if(k=w=="template"&&t.content||t,s=w=="textarea"&&x.defaultValue!=null?null:s&&He.call(k.childNodes),!l&&s)for(v={},c=0;c<t.attributes.length;c++)v[(u=t.attributes[c]).name]=u.value;for(c in v)u=v[c],c=="dangerouslySetInnerHTML"?g=u:c=="children"||c in x||c=="value"&&"defaultValue"in x||c=="checked"&&"defaultChecked"in x||ge(t,c,null,u,a);for(c in x)u=x[c],c=="children"?o=u:c=="dangerouslySetInnerHTML"?$=u:c=="value"?h=u:c=="checked"?d=u:l&&typeof u!="function"||v[c]===u||ge(t,c,u,v[c],a);$?(l||g&&($.__html==g.__html||$.__html==t.innerHTML)||(t.innerHTML=$.__html),e.__k=[]):(g&&(t.textContent=""),(w=="foreignObject"||a=="http://www.w3.org/1998/Math/MathML"&&mn.test(w))&&(a="http://www.w3.org/1999/xhtml"),gt(k,Be(o)?o:[o],e,n,r,a,s,i,s?s[0]:n.__k&&q(n,0),l,m),s&&s.some(Q)),l&&w!="textarea"||(c="value",w=="progress"&&h==null?t.removeAttribute(c):h==null||h===t[c]&&(w!="progress"||h)||ge(t,c,h,v[c],a),c="checked",d!=null&&d!=t[c]&&ge(t,c,d,v[c],a))}else v===x||l&&t.data==x||(t.data=x);return t}function We(t,e,n,r){try{typeof t=="function"?e?e.__x=t(e)||1:r&&(r=r.__c||r.__e)&&(e=r.__x)&&(r.__x=null,typeof e=="function"?e():t(null)):t.current=e}catch(a){S.__e(a,n)}}function Fe(t,e,n){var r,a,s,i;if(S.unmount&&S.unmount(t),!(r=t.ref)||r.current&&r.current!=t.__e||We(r,null,e,t),r=t.__c){if(r.componentWillUnmount)try{r.componentWillUnmount()}catch(l){S.__e(l,e)}r.__P=r.__n=null}if(r=t.__k)for(i=0;i<r.length;i++)r[i]&&Fe(r[i],e,typeof t.type!="function"||n&&!t.props.__P);!n&&(r=t.__c)&&(r=r.__z)&&(a=ke(r,s=[]))&&(r==t.__e&&s.some(Q),Q(a),Q(r)),n||Q(t.__e),t.__e=t.__c=t.__=null}function yn(t,e,n){return this.constructor(t,n)}function yt(t,e){var n,r,a,s;S.__&&S.__(t,e),e.nodeType==9&&(e=e.documentElement),r=(n=t&&32&t.__u)?null:e.__k,e.__k=ie(xe,{children:[t]}),a=[],s=[],je(e,e.__k,r||be,be,e.namespaceURI,r?null:e.firstChild?He.call(e.childNodes):null,a,r?r.__e:e.firstChild,n,s),kt(a,e.__k,s),e.__k.props.children=null}S={__e:function(t,e,n,r){for(var a,s,i;e=e.__;)if((a=e.__c)&&!(1&a.__g)){a.__g|=4;try{if((i=(s=a.constructor)&&s.getDerivedStateFromError)&&a.setState(s.getDerivedStateFromError(t)),a.componentDidCatch&&(a.componentDidCatch(t,r||{}),i=1),i&&8&a.__g)return void(a.__g|=2)}catch(l){t=l}}throw ye=0,t}},_t=0,pn=function(t){return t!=null&&t.constructor===le},ve.prototype.setState=function(t,e){var n=this.__s;n&&n!=this.state||(n=this.__s=Z({},this.state)),typeof t=="function"&&(t=t(Z({},n),this.props)),t&&(Z(n,t),this.__v&&(e&&this.__k.push(e),ct(this)))},ve.prototype.forceUpdate=function(t){this.__v&&(this.__g|=4,t&&this.__h.push(t),ct(this))},ve.prototype.render=xe,V=[],ye=0,pt=function(t,e){return t.__v.__b-e.__v.__b},$e=Symbol(),ft=/(PointerCapture)$|Capture$/i,Oe=0,Ue={},fn=0;var ce,E,Ge,bt,Ve=Object.is,de=0,At=[],qe=[],C=S,wt=C.__b,xt=C.__r,St=C.diffed,Ct=C.__c,Tt=C.unmount,Et=C.__;function ze(t,e){C.__h&&C.__h(E,t,de||e),de=0;var n=E.__H||(E.__H={__:[],__h:[]});return t>=n.__.length&&n.__.push({}),n.__[t]}function b(t){return de=1,bn(Dt,t)}function bn(t,e,n){var r=ze(ce++,2);if(r.t=t,!r.__c&&(r.__=[n?n(e):Dt(void 0,e),function(s){var i=(r.__N||r.__)[0],l=r.t(i,s);Ve(i,l)||(r.__N=[l,r.__[1]],r.__c.setState({}))}],r.__c=E,!E.__f)){E.__f=!0;var a=E.shouldComponentUpdate;E.shouldComponentUpdate=function(s,i,l){var m=this.__H;if(!m)return!0;var k=!1,c=this.props!=s;if(m.__.some(function(g){g.__N&&(k=!0,Ve(g.__[0],g.__N[0])||(c=!0))}),a){var $=a.call(this,s,i,l);return k?$||c:$}return!k||c}}return r.__}function A(t,e){var n=ze(ce++,3);!C.__s&&Rt(n.__H,e)&&(n.__P=!0,n.__=t,n.u=e,E.__H.__h.push(n))}function K(t){return de=5,_e(function(){return{current:t}},[])}function _e(t,e){var n=ze(ce++,7);return Rt(n.__H,e)&&(n.__=t(),n.__H=e),n.__}function se(t,e){return de=8,_e(function(){return t},e)}function wn(){var t;do{for(;t=qe.shift();)try{ue(t)}catch(n){C.__e(n,{__:(t=t.__P)&&t.__v})}for(;t=At.shift();){var e=t.__H;if(t.__P&&e)try{e.__h.some(ue),e.__h.some(Ke),e.__h=[]}catch(n){e.__h=[],C.__e(n,t.__v)}}}while(qe.length)}C.__b=function(t){E=null,wt&&wt(t)},C.__=function(t,e){t&&e.__k&&e.__k.__m&&(t.__m=e.__k.__m),Et&&Et(t,e)},C.__r=function(t){xt&&xt(t),ce=0;var e=(E=t.__c).__H;e&&(Ge==E?E.__h=[]:(e.__h.some(ue),e.__h.some(Ke),ce=0),e.__h=[],e.__.some(function(n){n.__N&&(n.__=n.__N),n.u=n.__N=void 0})),Ge=E},C.diffed=function(t){St&&St(t);var e=t.__c;e&&e.__H&&(e.__H.__h.length&&Mt(At.push(e)),e.__H.__.some(function(n){n.u&&(n.__H=n.u)})),Ge=E=null},C.__c=function(t,e){e.some(function(n){try{n.__h.some(ue),n.__h=n.__h.filter(function(r){return!r.__||Ke(r)})}catch(r){n.__h=[function(){throw r}]}}),Ct&&Ct(t,e)},C.unmount=function(t){Tt&&Tt(t);var e,n,r=t.__c;r&&r.__H&&(r.__H.__.some(function(a){try{if(a.__P&&a.__c){if(n===void 0){for(n=t.__;n&&(!n.__c||!n.__c.__P);)n=n.__;n=n&&n.__c}a.__P=n,Mt(qe.push(a))}else ue(a)}catch(s){e=s}}),r.__H=void 0,e&&C.__e(e,r.__v))};var It=typeof requestAnimationFrame=="function";function xn(t){var e,n=function(){clearTimeout(r),It&&cancelAnimationFrame(e),setTimeout(t)},r=setTimeout(n,35);It&&(e=requestAnimationFrame(n))}function Mt(t){t!=1&&bt==C.requestAnimationFrame||((bt=C.requestAnimationFrame)||xn)(wn)}function ue(t){var e=E,n=t.__c;typeof n=="function"&&(t.__c=void 0,n()),E=e}function Ke(t){var e=E;t.__c=t.__(),E=e}function Rt(t,e){return!t||t.length!=e.length||e.some(function(n,r){return!Ve(n,t[r])})}function Dt(t,e){return typeof e=="function"?e(t):e}var Xe="/api/plugins/kanban",O=class extends Error{status;code;constructor(e,n,r){super(r),this.status=e,this.code=n}};function Je(){return new URLSearchParams(location.search).get("board")??""}function Ye(t){let e=Je();return e?t+(t.includes("?")?"&":"?")+"board="+encodeURIComponent(e):t}async function D(t,e,n){let r;try{r=await fetch(Xe+Ye(e),{method:t,credentials:"same-origin",headers:n===void 0?{}:{"content-type":"application/json"},body:n===void 0?void 0:JSON.stringify(n)})}catch{throw new O(0,"offline","The gateway does not answer. Is it still running?")}let a=await r.text(),s=null;try{s=a?JSON.parse(a):null}catch{}if(!r.ok){let i=s;throw new O(r.status,i?.error?.code??"error",i?.detail??r.statusText)}return s}var R={ok:0,failure:1,usage:2,interrupted:130},Sn={usage:R.usage,invalid_input:R.usage,not_found:R.failure,conflict:R.failure,invalid_request:R.failure,invalid_state:R.failure,permission:R.failure,unauthorized:R.failure,store:R.failure,too_large:R.usage,unsupported_media:R.usage,misdirected:R.usage,method_not_allowed:R.usage,rate_limited:R.failure,unavailable:R.failure,failure:R.failure},Se=class extends Error{code;kind;constructor(e,n,r="failure"){super(e),this.name=new.target.name,this.code=n,this.kind=r}get exitCode(){return Sn[this.kind]}},B=class extends Se{constructor(e,n="usage"){super(e,n,"usage")}};var ae=class extends Se{constructor(e,n="invalid_state"){super(e,n,"invalid_state")}};var ee=["triage","todo","ready","running","blocked","done","archived"];function Nt(t){return ee.includes(t)}var er=1024*1024;var tr=1024*1024;var nr=new TextEncoder;var Cn=/^(\d+)\s*([smhd]?)$/i,Tn={"":1,s:1,m:60,h:3600,d:86400};function Lt(t,e){let n=Cn.exec(e.trim());if(!n)throw new B(`${t}: malformed duration '${e}' (use 300, 90s, 30m, 2h or 1d)`,"invalid_duration");let r=Number(n[1])*Tn[n[2].toLowerCase()];if(r>En)throw new B(`${t}: '${e}' is too long (at most 100 years)`,"invalid_duration");return r}var En=100*365*86400;var pe={triage:{satisfiesChildren:!1,holdsRun:!1,terminal:null,drop:"direct"},todo:{satisfiesChildren:!1,holdsRun:!1,terminal:null,drop:"direct"},ready:{satisfiesChildren:!1,holdsRun:!1,terminal:null,drop:"direct"},running:{satisfiesChildren:!1,holdsRun:!0,terminal:null,drop:"refuse"},blocked:{satisfiesChildren:!1,holdsRun:!1,terminal:null,drop:"block"},done:{satisfiesChildren:!0,holdsRun:!1,terminal:"a status write never reopens it \u2014 create a follow-up task instead",drop:"complete"},archived:{satisfiesChildren:!0,holdsRun:!1,terminal:"a status write never revives it \u2014 create a new task instead",drop:"archive"}},In={claim:["ready"],heartbeat:["running"],complete:["running","ready","blocked"],block:["running","ready"],unblock:["blocked"],promote:["triage","todo"],recompute:["todo"],archive:["triage","todo","ready","running","blocked","done"],assign:["triage","todo","ready","blocked","done","archived"],reclaim:["running"]};function Qe(t,e){return In[t].includes(e)}function Mn(t){return pe[t].terminal!==null}var _r=ee.filter(Mn);function An(t){return pe[t].satisfiesChildren}var pr=ee.filter(An);function Rn(t){return t.length<=1?t.join(""):`${t.slice(0,-1).join(", ")} or ${t.at(-1)}`}function Ze(t,e,n){if(!Nt(n))return new B(`unknown status: ${n} (expected one of ${ee.join(", ")})`,"unknown_status");let r=pe[n].drop;if(r==="refuse")return new B(`Cannot set status to '${n}' directly: only the dispatcher starts tasks (move it to ready)`,"running_refused");if(e===n)return"noop";let a=pe[e].terminal;if(a!==null&&r!=="archive")return new ae(`${t} is ${e}; ${a}`,"terminal");switch(r){case"archive":return"archive";case"complete":case"block":{if(Qe(r,e))return r;let s=Rn(ee.filter(i=>Qe(r,i)));return new ae(`cannot ${r} ${t}: it is ${e}; only ${s} tasks can be ${r==="complete"?"completed":"blocked"}`,"invalid_move")}case"direct":return pe[e].holdsRun&&n!=="ready"?new ae(`cannot move ${t} to ${n} while it runs: move it to ready first (that stops its worker)`,"invalid_move"):n==="ready"&&Qe("unblock",e)?"unblock":"direct"}}function Pt(t){return ee.filter(e=>e!==t&&typeof Ze("",t,e)=="string")}function fe(t){let e=Math.max(0,Math.floor(t));return e<60?`${e}s`:e<3600?`${Math.floor(e/60)}m ${String(e%60).padStart(2,"0")}s`:e<86400?`${Math.floor(e/3600)}h ${String(Math.floor(e%3600/60)).padStart(2,"0")}m`:`${Math.floor(e/86400)}d ${Math.floor(e%86400/3600)}h`}function Ut(t){if(t===null)return"";let e=Math.max(0,t);return e<60?"now":e<3600?`${Math.floor(e/60)}m`:e<86400?`${Math.floor(e/3600)}h`:`${Math.floor(e/86400)}d`}function te(t){return t===null?"\u2014":new Date(t*1e3).toLocaleString()}var z={triage:"Triage",todo:"Todo",ready:"Ready",running:"In progress",blocked:"Blocked",done:"Done",archived:"Archived"},Ot={ready:[3600,86400],running:[600,3600],blocked:[3600,86400],todo:[7*86400,30*86400]};var Ht=function(t,e,n,r){var a;e[0]=0;for(var s=1;s<e.length;s++){var i=e[s++],l=e[s]?(e[0]|=i?1:2,n[e[s++]]):e[++s];i===3?r[0]=l:i===4?r[1]=Object.assign(r[1]||{},l):i===5?(r[1]=r[1]||{})[e[++s]]=l:i===6?r[1][e[++s]]+=l+"":i?(a=t.apply(l,Ht(t,l,n,["",null])),r.push(a),l[0]?e[0]|=2:(e[s-2]=0,e[s]=a)):r.push(l)}return r},Bt=new Map;function jt(t){var e=Bt.get(this);return e||(e=new Map,Bt.set(this,e)),(e=Ht(this,e.get(t)||(e.set(t,e=function(n){for(var r,a,s=1,i="",l="",m=[0],k=function(g){s===1&&(g||(i=i.replace(/^\s*\n\s*|\s*\n\s*$/g,"")))?m.push(0,g,i):s===3&&(g||i)?(m.push(3,g,i),s=2):s===2&&i==="..."&&g?m.push(4,g,0):s===2&&i&&!g?m.push(5,0,!0,i):s>=5&&((i||!g&&s===5)&&(m.push(s,0,i,a),s=6),g&&(m.push(s,g,0,a),s=6)),i=""},c=0;c<n.length;c++){c&&(s===1&&k(),k(c));for(var $=0;$<n[c].length;$++)r=n[c][$],s===1?r==="<"?(k(),m=[m],s=3):i+=r:s===4?i==="--"&&r===">"?(s=1,i=""):i=r+i[0]:l?r===l?l="":i+=r:r==='"'||r==="'"?l=r:r===">"?(k(),s=1):s&&(r==="="?(s=5,a=i,i=""):r==="/"&&(s<5||n[c][$+1]===">")?(k(),s===3&&(m=m[0]),s=m,(m=m[0]).push(2,0,s),s=0):r===" "||r==="	"||r===`
`||r==="\r"?(k(),s=2):i+=r),s===3&&i==="!--"&&(s=4,m=m[0])}return k(),m}(t)),e),arguments,[])).length>1?e:e[0]}var f=jt.bind(M);var et=t=>f`
    <svg class="icon-svg" width="13" height="13" viewBox="0 0 16 16" aria-hidden="true" fill="none"
      stroke="currentColor" stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round">
      <path d=${t} />
    </svg>
  `,Wt=()=>et("M2.5 3.5h11v7h-6l-3.5 3v-3h-1.5z"),Ft=()=>et("M4 2.5v4.5a2 2 0 0 0 2 2h4M10 6.5l2.5 2.5-2.5 2.5M4 13.5v-2"),Gt=()=>et("M3 8.5l3 3 7-7");var Vt=0;function qt(t){Vt=t-Date.now()/1e3}function Kt(){return Date.now()/1e3+Vt}function Dn({since:t}){let[,e]=b(0);return A(()=>{let n=setInterval(()=>e(r=>r+1),1e3);return()=>clearInterval(n)},[]),f`<span class="elapsed">${fe(Kt()-t)}</span>`}function Nn(t){let e=Ot[t.status];if(!e)return"";let n=t.status==="running"&&t.run_started_at!==null?Kt()-t.run_started_at:t.age.created_age_seconds??0;return n>=e[1]?"stale-2":n>=e[0]?"stale-1":""}var j=null;function Ln({card:t,onOpen:e,selected:n}){let r=t,a=r.link_counts.parents+r.link_counts.children;return f`
    <article
      class=${`card status-${r.status} ${Nn(r)} ${n?"selected":""}`}
      tabindex="0"
      draggable="true"
      data-id=${r.id}
      aria-label=${`${r.title}, ${z[r.status]}`}
      onClick=${()=>e(r.id)}
      onKeyDown=${s=>{(s.key==="Enter"||s.key===" ")&&(s.preventDefault(),e(r.id))}}
      onDragStart=${s=>{j=r,s.dataTransfer?.setData("text/x-hermes-task",r.id),s.dataTransfer?.setData("text/plain",r.id),s.dataTransfer&&(s.dataTransfer.effectAllowed="move")}}
      onDragEnd=${()=>j=null}
    >
      <div class="card-top">
          <span class="card-id">${r.id}</span>
          ${r.priority!==0?f`<span class="pill prio" title="priority">P${r.priority}</span>`:null}
          ${r.tenant?f`<span class="pill tenant" title="tenant">${r.tenant}</span>`:null}
        </div>
      <div class="card-title">${r.title}</div>
      <div class="card-meta">
          ${r.status==="running"?f`<span class="running" title="running"><span class="pulse"></span>${r.run_started_at!==null?f`<${Dn} since=${r.run_started_at} />`:"running"}</span>`:null}
          <span class=${r.assignee?"assignee":"assignee none"}>${r.assignee?`@${r.assignee}`:"unassigned"}</span>
          <span class="spacer"></span>
          ${a?f`<span class="meta-item" title=${`${r.link_counts.parents} parent(s), ${r.link_counts.children} child(ren)`}><${Ft} />${a}</span>`:null}
          ${r.progress?f`<span class="meta-item" title="children done"><${Gt} />${r.progress.done}/${r.progress.total}</span>`:null}
          ${r.comment_count?f`<span class="meta-item" title="comments"><${Wt} />${r.comment_count}</span>`:null}
          <span class="meta-item age" title="age">${Ut(r.age.created_age_seconds)}</span>
        </div>
    </article>
  `}var tt=60;function Pn({name:t,cards:e,onOpen:n,onMove:r,selected:a}){let[s,i]=b(tt),[l,m]=b(""),[k,c]=b("");return f`
    <section
      class=${`column col-${t} ${l?`drop-${l}`:""}`}
      data-status=${t}
      onDragOver=${$=>{if(!j||j.status===t)return;let g=Ze(j.id,j.status,t);if(typeof g!="string"){m("no"),c(g.message);return}$.preventDefault(),m("ok")}}
      onDragLeave=${()=>{m(""),c("")}}
      onDrop=${$=>{$.preventDefault(),m(""),c(""),j&&j.status!==t&&r(j,t),j=null}}
    >
        <header class="column-head">
          <span class=${`dot dot-${t}`}></span>
          <h2>${z[t]}</h2>
          <span class="count">${e.length}</span>
        </header>
        ${l==="no"?f`<div class="drop-why" role="status">${k}</div>`:null}
        <div class="cards">
          ${e.slice(0,s).map($=>f`<${Ln} key=${$.id} card=${$} onOpen=${n} selected=${a===$.id} />`)}
          ${e.length>s?f`<button class="more" onClick=${()=>i(s+tt)}>Show ${Math.min(tt,e.length-s)} more of ${e.length-s}</button>`:null}
          ${e.length===0?f`<div class="empty">No tasks</div>`:null}
        </div>
      </section>
  `}function zt({columns:t,onOpen:e,onMove:n,selected:r}){return f`<div class="board">
    ${t.map(a=>f`
        <${Pn} key=${a.name} name=${a.name} cards=${a.tasks} onOpen=${e}
          onMove=${n} selected=${r} />
      `)}
  </div>`}function Xt(t){return Pt(t)}function Jt({title:t,onClose:e,children:n}){let r=K(null);return A(()=>{(r.current?.querySelector("input, textarea, select")??r.current?.querySelector("button[type=submit]"))?.focus();let s=i=>{i.key==="Escape"&&(i.stopPropagation(),e())};return addEventListener("keydown",s,!0),()=>removeEventListener("keydown",s,!0)},[]),f`
    <div class="backdrop" onClick=${a=>a.target===a.currentTarget&&e()}>
      <div class="modal" role="dialog" aria-modal="true" aria-label=${t} ref=${r}>
          <h2>${t}</h2>
          ${n}
        </div>
    </div>
  `}function Yt({req:t,onClose:e}){let[n,r]=b("");return f`
    <${Jt} title=${t.title} onClose=${e}>
      <form onSubmit=${a=>{a.preventDefault(),t.onConfirm(n),e()}}>
          <p>${t.text}</p>
          ${t.reason?f`<label>Reason<input name="reason" value=${n} onInput=${a=>r(a.target.value)} placeholder="what is needed to go on" /></label>`:null}
          <div class="actions">
            <button type="button" class="ghost" onClick=${e}>Cancel</button>
            <button type="submit" class="primary">${t.action}</button>
          </div>
        </form>
      <//>
  `}function Qt({assignees:t,tenants:e,defaultTenant:n,onClose:r,onCreated:a}){let[s,i]=b(null),[l,m]=b(!1),[k,c]=b("scratch");return f`
    <${Jt} title="New task" onClose=${r}>
      <form class="create" onSubmit=${async g=>{g.preventDefault();let o=new FormData(g.target),u=d=>String(o.get(d)??"").trim(),h={title:u("title"),body:u("body")||null,assignee:u("assignee")||null,tenant:u("tenant")||null,priority:u("priority")?Number(u("priority")):0,triage:o.get("triage")==="on",workspace_kind:k,workspace_path:k==="dir"&&u("workspace_path")||null,parents:u("parents").split(/[\s,]+/).filter(Boolean),skills:u("skills")?u("skills").split(",").map(d=>d.trim()).filter(Boolean):null,idempotency_key:u("idempotency_key")||null,created_by:u("created_by")||null};if(u("max_runtime"))try{h.max_runtime_seconds=Lt("Max runtime",u("max_runtime"))}catch(d){if(!(d instanceof B))throw d;i(d.message);return}if(u("max_retries")&&(h.max_retries=Number(u("max_retries"))),!Number.isInteger(h.priority)){i("Priority must be a whole number");return}m(!0);try{let d=await D("POST","/tasks",h);a(d.task,d.warning??null),r()}catch(d){i(d instanceof O?d.message:String(d))}finally{m(!1)}}}>
          <label class="wide">Title<input name="title" required maxlength="500" placeholder="what needs doing" /></label>
          <label class="wide">Description <small>(markdown; the shell profile runs it as a script)</small>
            <textarea name="body" rows="5"></textarea></label>
          <label>Assignee<input name="assignee" list="assignee-list" placeholder="profile, e.g. shell" /></label>
          <datalist id="assignee-list">${t.map(g=>f`<option value=${g} />`)}</datalist>
          <label>Priority<input name="priority" type="number" min="-1000" max="1000" step="1" value="0" /></label>
          <label>Parents<input name="parents" placeholder="t_1a2b3c4d, t_…" /></label>
          <label>Tenant<input name="tenant" list="tenant-list" value=${n} /></label>
          <datalist id="tenant-list">${e.map(g=>f`<option value=${g} />`)}</datalist>
          <label>Workspace
            <select name="workspace_kind" value=${k} onChange=${g=>c(g.target.value)}>
              <option value="scratch">scratch</option>
              <option value="worktree">worktree</option>
              <option value="dir">dir</option>
            </select></label>
          ${k==="dir"?f`<label>Directory<input name="workspace_path" required placeholder="/absolute/path" /></label>`:null}
          <label>Max runtime<input name="max_runtime" placeholder="30m" /></label>
          <label>Max retries<input name="max_retries" type="number" min="1" step="1" /></label>
          <label>Skills<input name="skills" placeholder="comma, separated" /></label>
          <label>Idempotency key<input name="idempotency_key" /></label>
          <label>Created by<input name="created_by" placeholder="dashboard" /></label>
          <label class="check"><input type="checkbox" name="triage" /> Park in triage</label>
          ${s?f`<div class="form-error wide" role="alert">${s}</div>`:null}
          <div class="actions wide">
            <button type="button" class="ghost" onClick=${r}>Cancel</button>
            <button type="submit" class="primary" disabled=${l}>Create task</button>
          </div>
        </form>
      <//>
  `}function Zt(t){let e;try{e=new URL(t)}catch{return null}return e.protocol==="http:"||e.protocol==="https:"||e.protocol==="mailto:"?e.href:null}var en={target:"_blank",rel:"noopener noreferrer nofollow"},Un=/[\s<>()]/,On=`.,;:!?'"`,Ee=class{text;find;#t;#e;constructor(e,n){this.text=e,this.find=n,this.#t=-1,this.#e=-1}next(e){return e>=this.#t&&(this.#e===-1?this.#t!==-1:e<=this.#e)?this.#e===-1?-1:this.#e:(this.#t=e,this.#e=this.find(e),this.#e)}};function Te(t){return t===" "||t==="	"||t===`
`||t==="\r"||t==="\f"||t==="\v"}function ne(t,e=0){if(e>4)return[t];let n=t.length,r=d=>new Ee(t,_=>t.indexOf(d,_)),a=r("**"),s=r("~~"),i=r("*"),l=r("]"),m=r(")"),k=r(`
`),c=new Ee(t,d=>{for(let _=d;_<n;_++)if(Te(t[_]))return _;return-1}),$=new Map;for(let d=0;d<n;){if(t[d]!=="`"){d++;continue}let _=d;for(;_<n&&t[_]==="`";)_++;let v=$.get(_-d)??{starts:[],next:0};v.starts.push(d),$.set(_-d,v),d=_}let g=[],o=0,u=0,h=d=>{d>o&&g.push(t.slice(o,d))};for(;u<n;){let d=t[u];if(d==="`"){let _=u;for(;_<n&&t[_]==="`";)_++;let v=$.get(_-u);if(!v){u=_;continue}for(;v.next<v.starts.length&&v.starts[v.next]<=u;)v.next++;if(v.next<v.starts.length){let x=v.starts[v.next];h(u),g.push(M("code",null,t.slice(_,x))),u=x+(_-u),o=u}else u=_;continue}if(d==="*"&&t[u+1]==="*"){let _=a.next(u+2);if(_>u+2){h(u),g.push(M("strong",null,ne(t.slice(u+2,_),e+1))),u=_+2,o=u;continue}}if(d==="~"&&t[u+1]==="~"){let _=s.next(u+2);if(_>u+2){h(u),g.push(M("del",null,ne(t.slice(u+2,_),e+1))),u=_+2,o=u;continue}}if(d==="*"&&t[u+1]!==void 0&&t[u+1]!=="*"&&!Te(t[u+1])){let _=i.next(u+1);if(_>u&&!Te(t[_-1])){h(u),g.push(M("em",null,ne(t.slice(u+1,_),e+1))),u=_+1,o=u;continue}}if(d==="["){let _=l.next(u+1),v=k.next(u+1);if(_>u+1&&(v===-1||v>_)&&t[_+1]==="("){let x=m.next(_+2),w=c.next(_+2);if(x>_+2&&(w===-1||w>x)){let W=Zt(t.slice(_+2,x));if(W){h(u),g.push(M("a",{href:W,...en},ne(t.slice(u+1,_),e+1))),u=x+1,o=u;continue}}}}if(d==="h"&&(t.startsWith("http://",u)||t.startsWith("https://",u))){let _=u;for(;_<n&&!Un.test(t[_]);)_++;for(;_>u&&On.includes(t[_-1]);)_--;let v=_>u?Zt(t.slice(u,_)):null;if(v&&_>t.indexOf("//",u)+2){h(u),g.push(M("a",{href:v,...en},t.slice(u,_))),u=_,o=u;continue}u=Math.max(u+1,_);continue}u++}return h(n),g}var tn=/^\s*(```|~~~)(.*)$/,nn=/^(#{1,6})\s+(.*)$/,nt=/^\s*[-*+]\s+(.*)$/,rt=/^\s*(\d{1,9})[.)]\s+(.*)$/,Ce=/^\s*>\s?(.*)$/;function rn(t){let e=t.replace(/\s/g,"");if(e.length<3||!"-*_".includes(e[0]))return!1;for(let n=1;n<e.length;n++)if(e[n]!==e[0])return!1;return!0}function Bn(t){let e=t.trimEnd(),n=e.length;for(;n>0&&e[n-1]==="#";)n--;return(n===0||Te(e[n-1]))&&(e=e.slice(0,n)),e.trimEnd()}function me(t,e=0){let n=t.replace(/\r\n?/g,`
`).split(`
`),r=[],a=0;for(;a<n.length;){let s=n[a];if(s.trim()===""){a++;continue}let i=tn.exec(s);if(i){let c=[];for(a++;a<n.length&&!n[a].trimStart().startsWith(i[1]);)c.push(n[a++]);a++;let $=i[2].trim().split(/\s+/)[0];r.push(M("pre",$?{"data-lang":$}:null,M("code",null,c.join(`
`))));continue}let l=nn.exec(s);if(l){r.push(M(`h${Math.min(6,l[1].length+2)}`,null,ne(Bn(l[2])))),a++;continue}if(rn(s)){r.push(M("hr",null)),a++;continue}if(Ce.test(s)){let c=[];for(;a<n.length&&Ce.test(n[a]);)c.push(Ce.exec(n[a++])[1]);r.push(M("blockquote",null,e<3?me(c.join(`
`),e+1):[c.join(`
`)]));continue}let m=rt.exec(s);if(nt.test(s)||m){let c=m?rt:nt,$=[];for(;a<n.length&&c.test(n[a]);){let o=c.exec(n[a++]),u=m?o[2]:o[1];for(;a<n.length&&/^\s{2,}\S/.test(n[a])&&!c.test(n[a]);)u+=" "+n[a++].trim();$.push(ne(u))}let g=m?Number(m[1]):1;r.push(M(m?"ol":"ul",m&&g!==1?{start:g}:null,$.map(o=>M("li",null,o))));continue}let k=[];for(;a<n.length&&n[a].trim()!==""&&!tn.test(n[a])&&!nn.test(n[a])&&!Ce.test(n[a])&&!nt.test(n[a])&&!rt.test(n[a])&&!rn(n[a]);)k.push(n[a++].trim());r.push(M("p",null,ne(k.join(" "))))}return r}function Hn({taskId:t,run:e,version:n}){let[r,a]=b(null),s=K(null);return A(()=>{D("GET",`/tasks/${t}/log?run=${e.id}&tail=65536`).then(a).catch(i=>a({content:String(i.message),exists:!1,truncated:!1}))},[t,e.id,n]),A(()=>{s.current&&(s.current.scrollTop=s.current.scrollHeight)},[r]),r?r.exists?f`<pre class="log" ref=${s}>${r.truncated?`\u2026
`:""}${r.content||"(empty)"}</pre>`:f`<div class="muted">No log for this run.</div>`:f`<div class="muted">Loading log…</div>`}function jn({taskId:t,run:e,version:n}){let[r,a]=b(e.ended_at===null),s=(e.ended_at??Date.now()/1e3)-e.started_at;return f`<li class="run">
    <div class="run-head">
      <span class=${`pill run-${e.status}`}>${e.status}</span>
      <span>#${e.id}</span>
      ${e.profile?f`<span class="muted">@${e.profile}</span>`:null}
      <span class="muted">${te(e.started_at)} · ${fe(s)}</span>
      ${e.exit_code!==null?f`<span class="muted">exit ${e.exit_code}</span>`:null}
      <span class="spacer"></span>
      <button class="link" onClick=${()=>a(!r)} aria-expanded=${r}>${r?"Hide log":"Show log"}</button>
    </div>
    ${e.summary?f`<div class="run-text">${e.summary}</div>`:null}
    ${e.error?f`<div class="run-text error-text">${e.error}</div>`:null}
    ${r?f`<${Hn} taskId=${t} run=${e} version=${n} />`:null}
  </li>`}function sn({title:t,refs:e,onOpen:n}){return f`<div class="refs">
    <h3>${t}</h3>
    ${e.length===0?f`<div class="muted">None</div>`:f`<ul>${e.map(r=>f`<li><button class="ref" onClick=${()=>n(r.id)}>
            <span class=${`dot dot-${r.status}`}></span><span class="ref-title">${r.title}</span>
            <span class="muted">${r.id} · ${r.status}</span></button></li>`)}</ul>`}
  </div>`}function Wn(t){let e=t.payload??{};return Object.entries(e).filter(([,r])=>r!==null&&r!==""&&!(Array.isArray(r)&&r.length===0)).map(([r,a])=>`${r}=${typeof a=="string"?a:JSON.stringify(a)}`).join(" ")}function an({id:t,version:e,markdown:n,onClose:r,onOpen:a,onMove:s,onError:i}){let[l,m]=b(null),[k,c]=b(null),[$,g]=b(""),o=K(null);A(()=>{let d=!0;return D("GET",`/tasks/${t}`).then(_=>{d&&(m(_),c(null))}).catch(_=>d&&c(_ instanceof O?_.message:String(_))),()=>{d=!1}},[t,e]),A(()=>{o.current?.focus()},[t]);let u=async d=>{if(d.preventDefault(),!!$.trim())try{await D("POST",`/tasks/${t}/comments`,{body:$}),g("");let _=await D("GET",`/tasks/${t}`);m(_)}catch(_){i(_ instanceof O?_.message:String(_))}},h=l?.task;return f`<aside class="drawer" tabindex="-1" ref=${o} aria-label="Task details">
    <div class="drawer-head">
      <span class="card-id">${t}</span>
      <span class="spacer"></span>
      <button class="icon" onClick=${r} aria-label="Close" title="Close (Esc)">✕</button>
    </div>
    ${k?f`<div class="banner error">${k}</div>`:null}
    ${h?f`
      <div class="drawer-body">
        <h1 class="task-title">${h.title}</h1>
        <div class="chips">
          <span class=${`pill status-pill st-${h.status}`}>${z[h.status]}</span>
          <span class="pill">${h.assignee?`@${h.assignee}`:"unassigned"}</span>
          ${h.priority?f`<span class="pill prio">P${h.priority}</span>`:null}
          ${h.tenant?f`<span class="pill tenant">${h.tenant}</span>`:null}
          ${h.skills.map(d=>f`<span class="pill">${d}</span>`)}
        </div>
        <div class="moves" role="group" aria-label="Move to">
          ${Xt(h.status).map(d=>f`<button class=${`move move-${d}`} onClick=${()=>s(h,d)}>${d==="archived"?"Archive":`\u2192 ${z[d]}`}</button>`)}
        </div>
        <section class="md">${h.body?n?me(h.body):f`<pre class="plain">${h.body}</pre>`:f`<p class="muted">No description.</p>`}</section>
        ${h.result?f`
            <section>
              <h3>Result</h3>
              <div class="md">${me(h.result)}</div>
            </section>
          `:null}
        ${h.last_failure_error?f`<div class="banner warning">Last failure (${h.consecutive_failures}): ${h.last_failure_error}</div>`:null}
        <dl class="details">
          <dt>Created</dt><dd>${te(h.created_at)}${h.created_by?` by ${h.created_by}`:""}</dd>
          <dt>Started</dt><dd>${te(h.started_at)}</dd>
          <dt>Completed</dt><dd>${te(h.completed_at)}</dd>
          <dt>Workspace</dt><dd>${h.workspace_kind}${h.workspace_path?`: ${h.workspace_path}`:""}</dd>
          <dt>Max runtime</dt><dd>${h.max_runtime_seconds===null?"default":fe(h.max_runtime_seconds)}</dd>
          <dt>Max retries</dt><dd>${h.max_retries??"default"}</dd>
        </dl>
        <div class="two">
          <${sn} title="Parents" refs=${l.parents} onOpen=${a} />
          <${sn} title="Children" refs=${l.children} onOpen=${a} />
        </div>
        <section>
          <h3>Comments <span class="count">${l.comments.length}</span></h3>
          <ul class="comments">
            ${l.comments.map(d=>f`
                <li>
                  <div class="comment-head"><strong>${d.author}</strong><span class="muted">${te(d.created_at)}</span></div>
                  <div class="md">${me(d.body)}</div>
                </li>
              `)}
          </ul>
          <form class="comment-form" onSubmit=${u}>
            <textarea name="comment" rows="2" placeholder="Add a comment (markdown)" value=${$}
              onInput=${d=>g(d.target.value)}
              onKeyDown=${d=>{d.key==="Enter"&&(d.ctrlKey||d.metaKey)&&u(d)}}></textarea>
            <button type="submit" class="primary" disabled=${!$.trim()}>Comment</button>
          </form>
        </section>
        <section>
          <h3>Runs <span class="count">${l.runs.length}</span></h3>
          ${l.runs.length===0?f`<div class="muted">Not run yet.</div>`:f`<ul class="runs">${[...l.runs].reverse().map(d=>f`<${jn} key=${d.id} taskId=${h.id} run=${d} version=${e} />`)}</ul>`}
        </section>
        <section>
          <h3>Events</h3>
          <ol class="events">
            ${[...l.events].reverse().slice(0,50).map(d=>f`<li><span class="ev-kind">${d.kind}</span><span class="ev-text">${Wn(d)}</span><span class="muted">${te(d.created_at)}</span></li>`)}
          </ol>
        </section>
      </div>
    `:k?null:f`<div class="muted pad">Loading…</div>`}
  </aside>`}var Ie=210,oe=52,st=70,at=18,on=400;function Fn(t,e){let n=new Map(t.map(o=>[o.id,o])),r=e.filter(o=>n.has(o.parent_id)&&n.has(o.child_id)),s=[...new Set(r.flatMap(o=>[o.parent_id,o.child_id]))].slice(0,on),i=new Set(s),l=new Map;for(let o of r)!i.has(o.parent_id)||!i.has(o.child_id)||l.set(o.child_id,[...l.get(o.child_id)??[],o.parent_id]);let m=new Map,k=(o,u=0)=>{let h=m.get(o);if(h!==void 0)return h;if(u>on)return 0;let d=l.get(o)??[],_=d.length?1+Math.max(...d.map(v=>k(v,u+1))):0;return m.set(o,_),_},c=[];for(let o of s)(c[k(o)]??=[]).push(o);let $=new Map;c.forEach((o,u)=>{o.sort((h,d)=>n.get(h).created_at-n.get(d).created_at),o.forEach((h,d)=>{$.set(h,{card:n.get(h),x:20+u*(Ie+st),y:20+d*(oe+at)})})});let g=Math.max(0,...c.map(o=>o.length));return{nodes:[...$.values()],edges:r.filter(o=>$.has(o.parent_id)&&$.has(o.child_id)).map(o=>[$.get(o.parent_id),$.get(o.child_id)]),width:40+c.length*(Ie+st)-st,height:40+g*(oe+at)-at}}function ln(t,e){return t.length>e?t.slice(0,e-1)+"\u2026":t}function un({cards:t,version:e,onOpen:n}){let[r,a]=b(null);if(A(()=>{D("GET","/links").then(i=>a(i.links)).catch(()=>a([]))},[e]),!r)return f`<div class="muted pad">Loading…</div>`;let s=Fn(t,r);return s.nodes.length===0?f`
      <div class="graph-empty">
        <p>No dependencies among these tasks yet.</p>
        <p
          class="muted">Give a task a parent (in the create form, or <code>hermes kanban link</code>) to see the graph.</p>
      </div>
    `:f`
    <div class="graph-wrap">
      <svg class="graph" width=${s.width} height=${s.height} viewBox=${`0 0 ${s.width} ${s.height}`} role="img"
        aria-label="Dependency graph">
          <defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" class="arrow" /></marker></defs>
          ${s.edges.map(([i,l])=>{let m=i.x+Ie,k=i.y+oe/2,c=l.x,$=l.y+oe/2,g=(m+c)/2;return f`<path class="edge" d=${`M ${m} ${k} C ${g} ${k}, ${g} ${$}, ${c-2} ${$}`} marker-end="url(#arrow)" />`})}
          ${s.nodes.map(i=>f`
              <g class=${`node st-${i.card.status}`} transform=${`translate(${i.x},${i.y})`} tabindex="0" role="button"
                aria-label=${i.card.title} onClick=${()=>n(i.card.id)}
                onKeyDown=${l=>l.key==="Enter"&&n(i.card.id)}>
                <rect width=${Ie} height=${oe} rx="10" />
                <rect class="bar" width="5" height=${oe} rx="2" />
                <text x="14" y="21" class="node-title">${ln(i.card.title,26)}</text>
                <text x="14" y="39" class="node-meta">${i.card.id} · ${i.card.status}${i.card.assignee?` \xB7 @${ln(i.card.assignee,12)}`:""}</text>
              </g>
            `)}
        </svg>
    </div>
  `}var Gn=0;function cn(){let t=/^#(t_[0-9a-f]{8})$/.exec(location.hash);return t?t[1]:null}function Vn(t,e){if(e.assignee==="-"&&t.assignee!==null||e.assignee&&e.assignee!=="-"&&t.assignee!==e.assignee||e.tenant&&t.tenant!==e.tenant)return!1;if(e.text){let n=e.text.toLowerCase();if(!`${t.id} ${t.title} ${t.assignee??""} ${t.body??""}`.toLowerCase().includes(n))return!1}return!0}function dn(){let[t,e]=b(null),[n,r]=b(null),[a,s]=b("ok"),[i,l]=b(null),[m,k]=b([]),[c,$]=b(cn()),[g,o]=b(0),[u,h]=b(0),[d,_]=b("board"),[v,x]=b(!1),[w,W]=b(null),[X,F]=b("connecting"),[I,J]=b({assignee:"",tenant:"",text:""}),[P,H]=b(!1),[U,N]=b([]),ot=K(null),Me=K(c);Me.current=c;let G=se((p,y)=>{let T={id:++Gn,kind:p,text:y};k(L=>[...L.slice(-3),T]),p==="info"&&setTimeout(()=>k(L=>L.filter(he=>he.id!==T.id)),4e3)},[]),Y=se(async()=>{try{let p=await D("GET",`/board?include_archived=${P}`);qt(p.now),e(p),l(null),h(y=>y+1)}catch(p){p instanceof O&&p.status===401?s("missing"):l(p instanceof Error?p.message:String(p))}},[P]);A(()=>{Y()},[Y]),A(()=>{D("GET","/config").then(p=>{r(p),p.default_tenant&&J(y=>({...y,tenant:y.tenant||p.default_tenant})),p.include_archived_by_default&&H(!0)}).catch(()=>{}),D("GET","/boards").then(p=>N(p.boards.filter(y=>y.exists))).catch(()=>{})},[]);let it=t!==null;A(()=>{if(!it||a!=="ok")return;let p,y=()=>{clearTimeout(p),p=setTimeout(Y,120)},T=new EventSource(`${Xe}${Ye(`/events?since=${t.latest_event_id}`)}`);return T.onopen=()=>F("live"),T.onerror=()=>F(T.readyState===EventSource.CLOSED?"offline":"connecting"),T.onmessage=L=>{F("live"),JSON.parse(L.data).events.some(Le=>Le.task_id===Me.current)&&o(Le=>Le+1),y()},T.addEventListener("reset",y),()=>{clearTimeout(p),T.close()}},[it,a,Y]),A(()=>{let p=()=>$(cn());return addEventListener("hashchange",p),()=>removeEventListener("hashchange",p)},[]);let re=se(p=>{$(p),history.replaceState(null,"",p?`#${p}`:location.pathname+location.search)},[]),Ae=se(async(p,y,T="")=>{try{await D("PATCH",`/tasks/${p.id}`,{status:y,...y==="blocked"&&T?{block_reason:T}:{}}),G("info",`${p.id} moved to ${z[y]}`),o(L=>L+1),Y()}catch(L){G("error",`Cannot move '${p.title}': ${L instanceof Error?L.message:L}`)}},[Y,G]),lt=se((p,y)=>{if(y==="done"||y==="archived"||y==="blocked"){W({title:y==="done"?"Complete task?":y==="archived"?"Archive task?":"Block task?",text:y==="done"?`Mark '${p.title}' as done. Its children whose parents are all done become ready.`:y==="archived"?`Archive '${p.title}'. A running worker is stopped.`:`Block '${p.title}' until someone unblocks it. A running worker is stopped.`,action:y==="done"?"Complete":y==="archived"?"Archive":"Block",reason:y==="blocked",onConfirm:T=>Ae(p,y,T)});return}Ae(p,y)},[Ae]),_n=async()=>{try{let p=await D("POST","/dispatch?max=8"),y=Array.isArray(p.spawned)?p.spawned.length:p.spawned??0;G("info",`Dispatcher ran: ${y} spawned`)}catch(p){G("error",p instanceof Error?p.message:String(p))}};A(()=>{let p=y=>{let T=y.target,L=["INPUT","TEXTAREA","SELECT"].includes(T.tagName);if(y.key==="Escape"&&!v&&!w){L?T.blur():Me.current&&re(null);return}L||y.ctrlKey||y.metaKey||y.altKey||v||w||(y.key==="n"?(y.preventDefault(),x(!0)):y.key==="/"?(y.preventDefault(),ot.current?.focus()):y.key==="g"&&_(he=>he==="board"?"graph":"board"))};return addEventListener("keydown",p),()=>removeEventListener("keydown",p)},[v,w,re]);let Re=_e(()=>t?t.columns.map(p=>({name:p.name,tasks:p.tasks.filter(y=>Vn(y,I))})):[],[t,I]),De=_e(()=>Re.flatMap(p=>p.tasks),[Re]);if(a==="missing")return f`
      <div class="auth">
        <h1>hermes</h1>
        <p>This board needs its access token.</p>
        <p>Open the address that <code>hermes gateway start</code> or <code>hermes gateway status</code> prints — it ends in <code>?token=…</code>.</p>
      </div>
    `;let Ne=t?t.columns.reduce((p,y)=>p+y.tasks.length,0):0,ut=n&&!n.dispatcher.running;return f`<div class=${`app ${c?"with-drawer":""}`}>
    <header class="topbar">
      <div class="brand"><span class="logo" aria-hidden="true"></span>hermes</div>
      ${U.length>1?f`
        <select class="board-pick" aria-label="Board"
          value=${Je()||t?.board||"default"}
          onChange=${p=>{let y=p.target.value;location.search=`?board=${encodeURIComponent(y)}`}}>${U.map(p=>f`<option value=${p.slug}>${p.name}</option>`)}</select>
      `:f`<span class="board-name">${t?.board??""}</span>`}
      <span class=${`live live-${X}`} title=${X==="live"?"Live updates on":"Reconnecting\u2026"}>
        <span class="live-dot"></span>${X==="live"?"Live":X==="connecting"?"Connecting":"Offline"}
      </span>
      ${n?f`<span class=${`disp ${ut?"off":"on"}`} title=${n.dispatcher.message||"dispatcher running"}>
          Dispatcher ${ut?"off":"on"}</span>`:null}
      <span class="spacer"></span>
      <div class="view-toggle" role="tablist">
        <button role="tab" aria-selected=${d==="board"} class=${d==="board"?"on":""} onClick=${()=>_("board")}>Board</button>
        <button role="tab" aria-selected=${d==="graph"} class=${d==="graph"?"on":""} onClick=${()=>_("graph")}>Graph</button>
      </div>
      <button class="ghost" onClick=${_n} title="Run the dispatcher once now">Nudge dispatcher</button>
      <button class="primary" onClick=${()=>x(!0)} title="New task (n)">+ New task</button>
    </header>
    <div class="filters">
      <input ref=${ot} class="search" type="search" placeholder="Filter by text  ( / )" value=${I.text}
        aria-label="Filter by text" onInput=${p=>J({...I,text:p.target.value})} />
      <select aria-label="Assignee" value=${I.assignee} onChange=${p=>J({...I,assignee:p.target.value})}>
        <option value="">All assignees</option>
        <option value="-">Unassigned</option>
        ${(t?.assignees??[]).map(p=>f`<option value=${p}>@${p}</option>`)}
      </select>
      <select aria-label="Tenant" value=${I.tenant} onChange=${p=>J({...I,tenant:p.target.value})}>
        <option value="">All tenants</option>
        ${(t?.tenants??[]).map(p=>f`<option value=${p}>${p}</option>`)}
      </select>
      <label class="check"><input type="checkbox" checked=${P} onChange=${p=>H(p.target.checked)} /> Archived</label>
      <span class="spacer"></span>
      <span class="muted">${De.length===Ne?`${Ne} tasks`:`${De.length} of ${Ne} tasks`}</span>
    </div>
    <div class="banners" aria-live="polite">
      ${i?f`<div class="banner error">Cannot load the board: ${i}</div>`:null}
      ${m.map(p=>f`
        <div key=${p.id} class=${`banner ${p.kind}`} role=${p.kind==="error"?"alert":"status"}>
          <span>${p.text}</span>
          <button class="icon" aria-label="Dismiss" onClick=${()=>k(y=>y.filter(T=>T.id!==p.id))}>✕</button>
        </div>
      `)}
    </div>
    <main class="main">
      ${t?d==="board"?f`<${zt} columns=${Re} onOpen=${re} onMove=${lt} selected=${c} />`:f`<${un} cards=${De} version=${u} onOpen=${re} />`:f`<div class="muted pad">Loading…</div>`}
      ${c?f`
        <${an} id=${c} version=${g} markdown=${n?.render_markdown??!0}
          onClose=${()=>re(null)} onOpen=${re} onMove=${lt} onError=${p=>G("error",p)} />
      `:null}
    </main>
    ${v?f`
        <${Qt} assignees=${t?.assignees??[]} tenants=${t?.tenants??[]}
          defaultTenant=${I.tenant} onClose=${()=>x(!1)}
          onCreated=${(p,y)=>{y?G("warning",`Task created, but: ${y}`):G("info",`Created ${p.id}`),Y()}} />
      `:null}
    ${w?f`<${Yt} req=${w} onClose=${()=>W(null)} />`:null}
  </div>`}yt(f`<${dn} />`,document.getElementById("app"));
