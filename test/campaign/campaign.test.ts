import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allClauses, CampaignError, clauseInNotice, DATA_DIR, loadCampaign, squash } from '../../core/campaign/load.ts';

const c = loadCampaign();
const notice = squash(c.noticeText);

describe('the 2021 campaign states the notice\'s facts', () => {
  it('names the issuing document', () => {
    expect(c.document.number).toBe('新党网信明电〔2021〕5号');
    expect(notice).toContain(squash(c.document.title));
  });

  it('has the three levels with their DingTalk group numbers, as the notice lists them', () => {
    expect(c.levels.map((l) => [l.level, l.dingtalkGroup])).toEqual([
      ['初级', '32158018'],
      ['中级', '32887269'],
      ['副高级', '34497409'],
    ]);
    expect(notice).toContain('初级群号32158018、中级群号32887269、副高级群号34497409');
  });

  it('has every training fee and review fee per level', () => {
    expect(Object.fromEntries(c.levels.map((l) => [l.level, [l.trainingFee, l.reviewFee]]))).toEqual({
      初级: [243, 300],
      中级: [273, 400],
      副高级: [313, 550],
    });
    expect(notice).toContain(squash('副高级每人313元, 中级每人273元, 初级每人243元'));
    expect(notice).toContain(squash('副高级 550 元/人，中级 400 元/人，初级 300 元/人'));
  });

  it('has the four windows with inclusive end dates', () => {
    expect(c.windows.map((w) => [w.id, w.start, w.end])).toEqual([
      ['ce-registration', '2021-09-22', '2021-10-05'],
      ['ce-training', '2021-09-26', '2021-10-10'],
      ['title-online', '2021-10-10', '2021-11-15'],
      ['title-paper', '2021-10-10', '2021-11-25'],
    ]);
    for (const w of c.windows) {
      const [, sm, sd] = w.start.split('-').map(Number);
      const [, em, ed] = w.end.split('-').map(Number);
      expect(squash(w.clause.quote)).toContain(`${sm}月${sd}日至${em}月${ed}日`);
    }
  });

  it('requires 90 hours a year, at least 30 public and 60 professional', () => {
    expect(c.requirement).toMatchObject({ totalHours: 90, publicHours: 30, professionalHours: 60 });
    expect(notice).toContain(squash('总学时每年累计不少于90学时（其中：公需科目不少于30学时、专业科目不少于60学时）'));
  });

  it('limits title submissions to 3', () => {
    expect(c.submissionLimit).toBe(3);
    expect(notice).toContain('申报人提交材料次数不得超过3次');
  });

  it('has the contact numbers for training, titles and technical support', () => {
    expect(Object.fromEntries(c.contacts.map((k) => [k.id, k.phones]))).toEqual({
      training: ['0991-8879298', '0991-2814961'],
      title: ['0991-2384781'],
      tech: ['0991-3193615', '0991-3193501'],
    });
    for (const k of c.contacts) for (const p of k.phones) expect(notice).toContain(p.split('-')[1].slice(0, 7));
  });

  it('has the web addresses and the exemption cases', () => {
    expect(c.websites.map((w) => w.url)).toEqual(expect.arrayContaining(['www.xjzcsq.com', 'www.wlmqcol.com']));
    expect(c.exemptionReasons).toEqual(['访惠聚驻村', '驻村管寺', '南疆学前教育支教', '内地服务管理', '深度贫困村第一书记']);
    expect(notice).toContain(squash('参加“访惠聚”驻村、驻村管寺、南疆学前教育支教和内地服务管理工作以及担任深度贫困村第一书记'));
  });

  it('quotes only clauses that occur in the notice', () => {
    for (const { where, clause } of allClauses(c)) expect(clauseInNotice(clause, c.noticeText), where).toBe(true);
  });
});

describe('a new year is a new data file, not a code change', () => {
  function writeCampaign(mutate: (raw: any) => void) {
    const dir = mkdtempSync(join(tmpdir(), 'cebot-campaign-'));
    const raw = JSON.parse(readFileSync(join(DATA_DIR, '2021-xj-cyber.json'), 'utf8'));
    mutate(raw);
    const notice = readFileSync(join(DATA_DIR, '2021-xj-cyber.notice.txt'), 'utf8').replaceAll('2021', '2022');
    writeFileSync(join(dir, `${raw.id}.json`), JSON.stringify(raw));
    writeFileSync(join(dir, `${raw.id}.notice.txt`), notice);
    return join(dir, `${raw.id}.json`);
  }

  it('loads a made-up 2022 campaign from its own file', () => {
    const file = writeCampaign((raw) => {
      raw.id = '2022-xj-cyber';
      raw.year = 2022;
      raw.name = raw.name.replace('2021', '2022');
      raw.levels[0].trainingFee = 250;
      raw.exam.passMark = 70;
      raw.windows = raw.windows.map((w: any) => ({ ...w, start: w.start.replace('2021', '2022'), end: w.end.replace('2021', '2022'), clause: { ...w.clause, quote: w.clause.quote.replaceAll('2021', '2022') } }));
      raw.requirement.clause.quote = raw.requirement.clause.quote.replaceAll('2021', '2022');
    });
    const c2 = loadCampaign(file);
    expect(c2).toMatchObject({ id: '2022-xj-cyber', year: 2022, exam: { passMark: 70 } });
    expect(c2.levels[0].trainingFee).toBe(250);
    expect(c2.windows[0].start).toBe('2022-09-22');
  });

  it('refuses a campaign whose quoted clause is not in its notice', () => {
    const file = writeCampaign((raw) => {
      raw.id = 'bad-quote';
      raw.requirement.clause.quote = '每年须参加继续教育学习不少于120学时';
    });
    expect(() => loadCampaign(file)).toThrow(CampaignError);
    expect(() => loadCampaign(file)).toThrow(/requirement/);
  });

  it('refuses invalid data with a readable message', () => {
    const file = writeCampaign((raw) => {
      raw.id = 'bad-window';
      raw.windows[0].end = '2021-09-01';
    });
    expect(() => loadCampaign(file)).toThrow(/开始日期晚于结束日期/);
  });
});
