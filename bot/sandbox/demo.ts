import type { CoreContext } from '../../core/context.ts';
import { grantExemption, openSession } from '../../core/ledger/service.ts';
import { normaliseName } from '../../core/roster/normalise.ts';
import type { SandboxGroup, SandboxPerson } from './adapter.ts';

/**
 * A clearly fictional roster so a new user can try every command at once. Names are common
 * placeholders; units say 演示 (demo); phone tails are made up.
 */
const DEMO_ROSTER: Array<[name: string, level: string, unit: string, phoneTail: string]> = [
  ['张伟', '初级', '演示市网信办', '1001'],
  ['张伟', '初级', '演示县信息中心', '1002'],
  ['买买提·艾力', '初级', '演示市网信办', '1003'],
  ['阿依古丽·买买提', '初级', '演示县信息中心', '1004'],
  ['李娜', '初级', '演示科技公司', '1005'],
  ['王芳', '初级', '演示市网信办', '1006'],
  ['刘洋', '初级', '演示数据局', '1007'],
  ['陈静', '初级', '演示科技公司', '1008'],
  ['杨帆', '初级', '演示县信息中心', '1009'],
  ['赵磊', '初级', '演示数据局', '1010'],
  ['古丽娜尔·吐尔逊', '中级', '演示州网信办', '2001'],
  ['黄敏', '中级', '演示州网信办', '2002'],
  ['周杰', '中级', '演示通信公司', '2003'],
  ['吴霞', '中级', '演示数据局', '2004'],
  ['徐婷', '中级', '演示通信公司', '2005'],
  ['孙浩', '中级', '演示州网信办', '2006'],
  ['马丽', '中级', '演示大学网络中心', '2007'],
  ['朱峰', '中级', '演示数据局', '2008'],
  ['胡斌', '中级', '演示通信公司', '2009'],
  ['艾尔肯·吐尔洪', '中级', '演示县驻村工作队', '2010'],
  ['郭强', '副高级', '演示自治区信息中心', '3001'],
  ['何欢', '副高级', '演示大学网络中心', '3002'],
  ['高翔', '副高级', '演示自治区信息中心', '3003'],
  ['林晓', '副高级', '演示通信公司', '3004'],
  ['罗琳', '副高级', '演示大学网络中心', '3005'],
  ['热依拉·阿不都', '副高级', '演示自治区信息中心', '3006'],
  ['郑伟', '副高级', '演示数据局', '3007'],
  ['谢敏', '副高级', '演示通信公司', '3008'],
  ['韩雪', '副高级', '演示大学网络中心', '3009'],
  ['唐勇', '副高级', '演示数据局', '3010'],
];

export const SANDBOX_GROUPS: Array<SandboxGroup & { level: string | null }> = [
  { chatId: 'sandbox-junior', title: '初级培训群（演示）', level: '初级' },
  { chatId: 'sandbox-intermediate', title: '中级培训群（演示）', level: '中级' },
  { chatId: 'sandbox-senior', title: '副高级培训群（演示）', level: '副高级' },
  { chatId: 'sandbox-new', title: '新建群（未设置级别）', level: null },
];

/** People to act as on the sandbox page besides the roster trainees. */
export const SANDBOX_EXTRA_PEOPLE: SandboxPerson[] = [
  { id: 'stranger', nick: '小明同学', isAdmin: false, note: '昵称不是实名的学员' },
  { id: 'admin', nick: '培训中心王老师', isAdmin: true, note: '管理员（群主）' },
];

export async function isEmpty(core: CoreContext): Promise<boolean> {
  return (await core.stores.roster.count(core.campaign.id)) === 0;
}

/** Load the demo roster, bind the demo groups, open two sessions and exempt one trainee. */
export async function seedDemo(core: CoreContext): Promise<void> {
  const actor = 'demo 演示数据';
  await core.stores.roster.upsertMany(
    DEMO_ROSTER.map(([name, level, unit, phoneTail]) => ({
      campaignId: core.campaign.id,
      name,
      nameKey: normaliseName(name),
      level,
      unit,
      phoneTail,
      idMasked: '',
    })),
  );
  const now = core.clock.now();
  for (const g of SANDBOX_GROUPS) {
    await core.stores.chats.touch('sandbox', g.chatId, g.title, core.campaign.id);
    if (g.level) await core.stores.chats.bindLevel('sandbox', g.chatId, g.level, actor, now);
  }
  const until = new Date(now.getTime() + 180 * 86_400_000);
  const common = { level: null, startsAt: new Date(now.getTime() - 3_600_000), endsAt: until, creditRule: 'checkin' as const, thresholdPercent: null, platform: null, chatId: null, createdBy: actor };
  await openSession(core, { ...common, title: '网络安全专业课（演示）', subject: 'professional', hours: 3 }, actor);
  await openSession(core, { ...common, title: '公需课：数字经济概论（演示）', subject: 'public', hours: 2 }, actor);
  const [exempt] = await core.stores.roster.findByNameKeys(core.campaign.id, [normaliseName('艾尔肯·吐尔洪')]);
  if (exempt) await grantExemption(core, exempt, '访惠聚驻村', '演示-2021-001', actor);
}

/** Everyone the sandbox page lets you act as: roster trainees by name, plus a stranger and an admin. */
export async function sandboxPeople(core: CoreContext): Promise<Array<SandboxPerson & { level?: string }>> {
  const trainees = await core.stores.roster.list(core.campaign.id, { limit: 200 });
  return [
    ...SANDBOX_EXTRA_PEOPLE,
    ...trainees.map((t) => ({ id: `trainee-${t.id}`, nick: t.name, isAdmin: false, note: `${t.level} · ${t.unit}`, level: t.level })),
  ];
}
