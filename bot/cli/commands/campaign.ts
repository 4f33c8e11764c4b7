import { loadCampaign } from '../../../core/campaign/load.ts';
import { cli as t } from '../../../core/locales/zh-CN/cli.ts';
import { subjectName } from '../../../core/locales/zh-CN/imports.ts';
import { loadConfig } from '../../config.ts';
import { parse } from '../args.ts';
import { println, type CliCommand } from '../io.ts';

export const command: CliCommand = {
  async run(args, io) {
    const { values } = parse(args, { json: { type: 'boolean' } });
    const c = loadCampaign(loadConfig(io.env).CAMPAIGN);
    if (values.json) {
      const { noticeText: _notice, ...data } = c;
      println(io.stdout, JSON.stringify(data, null, 2));
      return 0;
    }
    const m = t.campaign;
    const lines = [
      m.name(c.name),
      m.document(c.document.number, c.document.issuer, c.document.date),
      m.levelsHead,
      ...c.levels.map((l) => m.level(l.level, l.dingtalkGroup, l.trainingFee, l.reviewFee)),
      m.windowsHead,
      ...c.windows.map((w) => m.window(w.title, w.start, w.end)),
      m.requirement(c.requirement.totalHours, c.requirement.publicHours, c.requirement.professionalHours),
      m.exam(c.exam.passMark, c.exam.required.map((s) => subjectName[s]).join('、')),
      m.credit(c.credit.watchThresholdPercent, c.credit.roundingStep),
      m.submissionLimit(c.submissionLimit),
      m.exemptions(c.exemptionReasons.join('、')),
      m.contactsHead,
      ...c.contacts.map((k) => m.contact(k.name, k.topic, k.phones.join('、'))),
      m.websitesHead,
      ...c.websites.map((w) => m.website(w.name, w.url)),
    ];
    println(io.stdout, lines.join('\n'));
    return 0;
  },
};
