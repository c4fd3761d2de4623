// The page's only style sheet and script, served from memory by the view (no CDN, no build step) and
// inlined into the self-contained `--html` files. Plain ES2020 that every current browser runs.

export const CSS = `
:root{--fg:#1a1a1a;--muted:#555;--bg:#fff;--line:#c8c8c8;--focus:#0b57d0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","DejaVu Sans",sans-serif;color:var(--fg);background:var(--bg)}
body{margin:0 auto;max-width:1400px;padding:0 1rem 3rem;line-height:1.5}
h1{font-size:1.4rem;margin:.5rem 0}h2{font-size:1.15rem;margin:1.2rem 0 .4rem}h3{font-size:1rem;margin:.3rem 0}
a{color:#0b4fb3}a:focus,button:focus,[tabindex]:focus{outline:3px solid var(--focus);outline-offset:1px}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:.5rem;background:#fff;padding:.3rem}
.crumbs{font-size:.9rem;color:var(--muted);margin-top:.5rem}
table{border-collapse:collapse;margin:.4rem 0;font-size:.9rem}th,td{border:1px solid var(--line);padding:.15rem .45rem;text-align:left;vertical-align:top}
thead th{background:#f0f0f0}caption{text-align:left;font-weight:600;padding:.2rem 0}
td.differs{background:#fff3b0;font-weight:600}.quote{max-width:32rem}
dl.meta,dl.scores{display:grid;grid-template-columns:max-content 1fr;gap:0 1rem;margin:.4rem 0}dt{font-weight:600}dd{margin:0}
.legend{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.3rem 1rem;margin:.4rem 0}
.swatch{display:inline-block;width:1.1em;height:1.1em;border:2px solid;vertical-align:-.2em;margin-right:.3em}
.count{color:var(--muted)}
.text{white-space:pre-wrap;overflow-wrap:anywhere;border:1px solid var(--line);padding:.8rem;font-size:1.02rem;line-height:1.9;background:#fcfcfc}
.s{border-bottom:2px solid transparent;border-radius:2px;cursor:help}
.s.on{outline:2px solid #000;outline-offset:0}.s.z{display:inline-block;width:0;height:1.2em;border-left:3px solid;vertical-align:-.2em}
.st-spurious{text-decoration:underline wavy #b0264a}.st-missed{text-decoration:underline dashed #b35c00}
td.st-matched{color:#1d5e1d}td.st-missed{color:#8a4700}td.st-spurious{color:#9a1f3f}
#tip{position:absolute;z-index:10;max-width:28rem;background:#fff;border:1px solid #333;box-shadow:0 2px 8px #0004;padding:.4rem .6rem;font-size:.85rem;pointer-events:none;white-space:pre-wrap}
#tip b{display:block}.tip-item+.tip-item{border-top:1px solid #bbb;margin-top:.2rem;padding-top:.2rem}.live{position:absolute;left:-9999px}
.columns{display:grid;grid-template-columns:1fr 40px 1fr;gap:0;align-items:start}.links{width:40px;height:100%;overflow:visible}
.problems,.notes{color:#8a1f1f}.go{font:inherit;padding:0 .3rem;cursor:pointer}
.status-received{color:#444}.status-marked{color:#1f5bb5}.status-sent{color:#6a3fb5}.status-accepted{color:#1d5e1d}.status-late{color:#8a4700}.status-failed,.status-rejected{color:#9a1f3f;font-weight:600}
.cards{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;margin:.5rem 0}.cards div{border:1px solid var(--line);padding:.3rem .7rem;border-radius:4px}.cards b{font-size:1.2rem;display:block}
.bars text{font-size:12px;fill:#1a1a1a}.bars .bar{fill:#1f5bb5}.bars .bar.b{fill:#b35c00}
@media (prefers-reduced-motion:no-preference){.s{transition:outline-color .1s}}
`;

export const JS = `
(function(){
'use strict';
function ready(f){if(document.readyState!=='loading')f();else document.addEventListener('DOMContentLoaded',f);}
ready(function(){
  var tip=document.getElementById('tip'), live=document.getElementById('live');
  var data={};
  document.querySelectorAll('.marked').forEach(function(m){
    var block=document.getElementById(m.getAttribute('data-details'));
    if(block){var d=JSON.parse(block.textContent||'{}');for(var k in d)data[k]=d[k];}
  });
  var byKey={};
  document.querySelectorAll('.s[data-k]').forEach(function(el){
    el.getAttribute('data-k').split(' ').forEach(function(k){(byKey[k]=byKey[k]||[]).push(el);});
  });
  var lit=[];
  function clear(){lit.forEach(function(el){el.classList.remove('on');});lit=[];}
  function light(k){(byKey[k]||[]).forEach(function(el){el.classList.add('on');lit.push(el);});}
  function describe(k){
    var d=data[k];if(!d)return '';
    var lines=[(d.group?d.group+' / ':'')+(d.type||'(no type)')+(d.status?' — '+d.status:'')];
    if(d.subtype)lines.push('subtype: '+d.subtype);
    if(d.tag)lines.push('tag: '+d.tag);
    if(d.comment)lines.push('comment: '+d.comment);
    if(d.correction)lines.push('correction: '+d.correction);
    if(d.explanation)lines.push('explanation: '+d.explanation);
    lines.push('characters '+d.range);
    return lines.join('\\n');
  }
  function show(el,keys){
    clear();
    var text=[];
    keys.forEach(function(k,i){if(i===0){light(k);var d=data[k];if(d&&d.partner)light(d.partner);}text.push(describe(k));});
    if(!tip)return;
    tip.textContent='';
    text.forEach(function(t,i){var b=document.createElement('div');b.className='tip-item';b.setAttribute('data-tip',keys[i]);b.textContent=t;tip.appendChild(b);});
    var r=el.getBoundingClientRect();
    tip.hidden=false;
    tip.style.left=Math.max(4,Math.min(window.scrollX+r.left,window.scrollX+document.documentElement.clientWidth-tip.offsetWidth-8))+'px';
    tip.style.top=(window.scrollY+r.bottom+6)+'px';
    if(live)live.textContent=text.join('; ');
  }
  function hide(){clear();if(tip)tip.hidden=true;}
  function keysOf(el){return el.getAttribute('data-k').split(' ');}
  document.addEventListener('mouseover',function(e){var el=e.target.closest&&e.target.closest('.s[data-k]');if(el)show(el,keysOf(el));});
  document.addEventListener('mouseout',function(e){var el=e.target.closest&&e.target.closest('.s[data-k]');if(el&&!el.contains(e.relatedTarget))hide();});
  document.addEventListener('focusin',function(e){var el=e.target.closest&&e.target.closest('.s[data-k]');if(el)show(el,keysOf(el));});
  document.addEventListener('focusout',function(e){if(e.target.closest&&e.target.closest('.s[data-k]'))hide();});
  document.addEventListener('keydown',function(e){if(e.key==='Escape')hide();});
  document.addEventListener('click',function(e){
    var b=e.target.closest&&e.target.closest('[data-go]');if(!b)return;
    var k=b.getAttribute('data-go'),first=(byKey[k]||[])[0];
    if(first){first.scrollIntoView({block:'center'});first.setAttribute('tabindex','0');first.focus({preventScroll:true});show(first,[k]);}
  });
  function links(){
    document.querySelectorAll('.pair').forEach(function(sec){
      var svg=sec.querySelector('svg.links');if(!svg)return;
      var box=svg.getBoundingClientRect();svg.setAttribute('viewBox','0 0 '+box.width+' '+box.height);
      var out='';
      sec.querySelectorAll('.marked').forEach(function(m,i){if(i>0)return;
        m.querySelectorAll('.s[data-k]').forEach(function(el){
          el.getAttribute('data-k').split(' ').forEach(function(k){
            var d=data[k];if(!d||!d.partner||byKey[k][0]!==el)return;
            var other=(byKey[d.partner]||[])[0];if(!other)return;
            var a=el.getBoundingClientRect(),b=other.getBoundingClientRect();
            out+='<line x1="0" y1="'+(a.top+a.height/2-box.top)+'" x2="'+box.width+'" y2="'+(b.top+b.height/2-box.top)+'" stroke="#2b7a2b" stroke-width="1.5"/>';
          });
        });
      });
      svg.innerHTML=out;
    });
  }
  links();window.addEventListener('resize',links);
  var live_=document.querySelector('[data-live-session]');
  if(live_&&window.EventSource)session(live_);
});
function session(root){
  var src=new EventSource(root.getAttribute('data-live-session'));
  var offset=0,state=null;
  var fmt=function(ms){if(ms<=0)return 'passed';return (ms/1000).toFixed(1)+' s';};
  function render(){
    if(!state)return;
    var now=Date.now()+offset;
    ['received','marked','sent','accepted','late','failed','rejected'].forEach(function(k){
      var el=root.querySelector('[data-count="'+k+'"]');if(el)el.textContent=String(state.counts[k]||0);
    });
    var t=root.querySelector('[data-count="throughput"]');if(t)t.textContent=state.throughput;
    var end=root.querySelector('[data-end]');if(end)end.textContent=state.end||'running';
    var body=root.querySelector('tbody');if(!body)return;
    var rows=body.rows,i;
    state.files.forEach(function(f,n){
      var tr=rows[n];
      if(!tr){tr=body.insertRow();for(i=0;i<5;i++)tr.insertCell();}
      tr.setAttribute('data-file',f.id);tr.setAttribute('data-status',f.status);
      var c=tr.cells;
      if(!c[0].firstChild||c[0].getAttribute('data-href')!==(f.href||'')){
        c[0].textContent='';c[0].setAttribute('data-href',f.href||'');
        if(f.href){var a=document.createElement('a');a.href=f.href;a.textContent=f.id;c[0].appendChild(a);}else c[0].textContent=f.id;
      }
      c[1].textContent=f.status;c[1].className='status-'+f.status;
      c[2].textContent=f.deadline?(f.done?'–':fmt(f.deadline-now)):'–';
      c[3].textContent=f.late?'late':'';
      c[4].textContent=f.reason||'';
    });
  }
  src.addEventListener('state',function(e){state=JSON.parse(e.data);offset=state.now-Date.now();render();
    root.setAttribute('data-version',String(state.version));});
  setInterval(render,250);
}
})();
`;
