import { sandbox as t } from '../../core/locales/zh-CN/index.ts';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The sandbox chat page: static HTML + a small script talking to /sandbox/api. No CDN. */
export function sandboxPage(): string {
  const strings = JSON.stringify({ me: t.me, bot: t.bot, empty: t.empty, failed: t.failed, privateFromGroup: t.privateFromGroup, admin: t.admin });
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(t.pageTitle)}</title>
<style>
body{font-family:system-ui,"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:0;background:#f3f5f8;color:#1f2329}
header{background:#3370ff;color:#fff;padding:12px 20px}header h1{margin:0;font-size:18px}header p{margin:4px 0 0;font-size:13px;opacity:.9}
main{display:grid;grid-template-columns:1fr 1fr;gap:16px;padding:16px;max-width:1200px;margin:auto}
.panel{background:#fff;border-radius:8px;box-shadow:0 1px 3px rgba(0,0,0,.08);display:flex;flex-direction:column;height:70vh}
.panel h2{font-size:15px;margin:0;padding:10px 14px;border-bottom:1px solid #eee}
.log{flex:1;overflow:auto;padding:12px}
.msg{margin:8px 0;max-width:85%}.msg .who{font-size:12px;color:#8f959e}.msg .bubble{padding:8px 12px;border-radius:8px;white-space:pre-wrap;background:#f0f1f5;line-height:1.5}
.msg.user{margin-left:auto;text-align:right}.msg.user .bubble{background:#d6e4ff;text-align:left;display:inline-block}
.msg.bot .bubble{background:#f0f1f5;display:inline-block}.mention{color:#3370ff;font-weight:600}
.controls{display:flex;flex-wrap:wrap;gap:8px;padding:10px;border-top:1px solid #eee;align-items:center}
.controls label{font-size:13px}select,input{font:inherit;padding:6px 8px;border:1px solid #d0d3d6;border-radius:6px}
#text{flex:1;min-width:200px}button{font:inherit;padding:6px 16px;border:0;border-radius:6px;background:#3370ff;color:#fff;cursor:pointer}
.tips{font-size:12px;color:#646a73;padding:0 16px 16px;max-width:1200px;margin:auto}.tips code{background:#fff;padding:1px 4px;border-radius:4px;margin-right:6px;cursor:pointer}
</style></head><body>
<header><h1>${esc(t.heading)}</h1><p>${esc(t.intro)}</p></header>
<main>
<section class="panel"><h2 id="group-title"></h2><div class="log" id="group-log" data-testid="group-log"></div>
<form class="controls" id="form">
<label>${esc(t.groupLabel)} <select id="group" data-testid="group"></select></label>
<label>${esc(t.personLabel)} <select id="person" data-testid="person"></select></label>
<label>${esc(t.nickLabel)} <input id="nick" data-testid="nick" size="10"></label>
<input id="text" data-testid="text" placeholder="${esc(t.inputPlaceholder)}" autocomplete="off">
<button type="submit" data-testid="send">${esc(t.send)}</button></form></section>
<section class="panel"><h2>${esc(t.privateChat)}</h2><div class="log" id="private-log" data-testid="private-log"></div></section>
</main>
<div class="tips">${esc(t.tryTitle)}：${t.tryList.map((x) => `<code>${esc(x)}</code>`).join('')}</div>
<script>
const S=${strings};
let state={groups:[],people:[]},seq=0;
const $=id=>document.getElementById(id);
function esc(s){return s.replace(/[&<>"']/g,c=>({'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;',"'":'&#39;'})[c])}
function render(e){const d=document.createElement('div');d.className='msg '+e.from;
 let body=esc(e.text);for(const m of e.mentions||[]){body=body.split(esc('@'+m.name)).join('<span class="mention">@'+esc(m.name)+'</span>')}
 if(e.format==='markdown'){body=body.replace(/\\*\\*(.+?)\\*\\*/g,'<b>$1</b>')}
 const who=e.from==='bot'?S.bot+(e.viaGroup?' '+S.privateFromGroup:''):(e.senderNick||S.me);
 d.innerHTML='<div class="who">'+esc(who)+'</div><div class="bubble" data-testid="bubble-'+e.from+'">'+body+'</div>';return d}
function person(){return state.people.find(p=>p.id===$('person').value)}
function chatId(){return $('group').value}
async function refresh(){const r=await fetch('/sandbox/api/transcript?since=0');const j=await r.json();
 const g=$('group-log'),p=$('private-log');g.innerHTML='';p.innerHTML='';const pid='private:'+$('person').value;
 for(const e of j.entries){if(e.chatId===chatId())g.appendChild(render(e));else if(e.chatId===pid)p.appendChild(render(e))}
 g.scrollTop=g.scrollHeight;p.scrollTop=p.scrollHeight;$('group-title').textContent=(state.groups.find(x=>x.chatId===chatId())||{}).title||''}
async function load(){const r=await fetch('/sandbox/api/state');state=await r.json();
 $('group').innerHTML=state.groups.map(g=>'<option value="'+esc(g.chatId)+'">'+esc(g.title)+'</option>').join('');
 $('person').innerHTML=state.people.map(p=>'<option value="'+esc(p.id)+'">'+esc(p.nick)+(p.isAdmin?' ('+S.admin+')':'')+' — '+esc(p.note)+'</option>').join('');
 $('nick').value=person().nick;refresh()}
$('person').onchange=()=>{$('nick').value=person().nick;refresh()};$('group').onchange=refresh;
for(const c of document.querySelectorAll('.tips code'))c.onclick=()=>{$('text').value=c.textContent.replace(/（.*）$/,'');$('text').focus()};
$('form').onsubmit=async ev=>{ev.preventDefault();const text=$('text').value.trim();if(!text)return;
 const r=await fetch('/sandbox/api/send',{method:'POST',headers:{'content-type':'application/json'},body:JSON.stringify({chatId:chatId(),personId:$('person').value,nick:$('nick').value,text})});
 if(!r.ok){alert(S.failed);return}$('text').value='';await refresh()};
load();
</script></body></html>`;
}
