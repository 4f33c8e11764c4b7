import type { AttemptResult } from '../outbound/send-queue.ts';
import type { AccessToken } from './access-token.ts';
import { type HttpAnswer, classify, describe, isRateLimited, networkFailure, postJson } from './http.ts';
import { type DingMessage, sampleOf, webhookBody } from './render.ts';

/** The session webhook is gone (expired or unknown): errcode 300001 "session 不存在". */
export const isSessionGone = (a: HttpAnswer) => a.body?.errcode === 300001 || a.body?.errcode === 300005;

const tokenRefused = (a: HttpAnswer) => a.status === 401 || /InvalidAuthentication|invalid.*token/i.test(String(a.body?.code ?? ''));

/** The robot's outgoing calls: session webhook, group send, private batch send. */
export class RobotApi {
  constructor(
    private readonly apiBase: string,
    private readonly robotCode: string,
    private readonly token: AccessToken,
  ) {}

  /** Reply through a callback's session webhook; `gone` when it no longer exists. */
  async webhook(url: string, m: DingMessage): Promise<AttemptResult | 'gone'> {
    try {
      const a = await postJson(url, webhookBody(m));
      if (isSessionGone(a)) return 'gone';
      return classify(a, (x) => x.status === 200 && x.body?.errcode === 0);
    } catch (e) {
      return networkFailure(e);
    }
  }

  /** `POST /v1.0/robot/groupMessages/send`: post to a group the robot is in. */
  groupSend(openConversationId: string, m: DingMessage): Promise<AttemptResult> {
    return this.withToken('/v1.0/robot/groupMessages/send', { robotCode: this.robotCode, openConversationId, ...sampleOf(m) }, (a) =>
      classify(a, (x) => x.status === 200 && typeof x.body?.processQueryKey === 'string'),
    );
  }

  /** `POST /v1.0/robot/oToMessages/batchSend`: a private message to one member (staff id). */
  batchSend(userId: string, m: DingMessage): Promise<AttemptResult> {
    return this.withToken('/v1.0/robot/oToMessages/batchSend', { robotCode: this.robotCode, userIds: [userId], ...sampleOf(m) }, (a) => {
      if (a.status === 200) {
        if ((a.body?.flowControlledStaffIdList ?? []).includes(userId)) return { ok: false, retryable: true, error: 'batchSend: flow controlled' };
        if ((a.body?.invalidStaffIdList ?? []).includes(userId)) return { ok: false, retryable: false, error: 'batchSend: invalid staff id' };
        if (typeof a.body?.processQueryKey === 'string') return { ok: true };
      }
      return classify(a, () => false);
    });
  }

  /** Call with the cached token; a refused token is renewed once within the same try. */
  private async withToken(path: string, body: unknown, judge: (a: HttpAnswer) => AttemptResult): Promise<AttemptResult> {
    try {
      for (let i = 0; ; i++) {
        const token = await this.token.get();
        const a = await postJson(`${this.apiBase}${path}`, body, { 'x-acs-dingtalk-access-token': token });
        if (tokenRefused(a) && !isRateLimited(a)) {
          this.token.invalidate(token);
          if (i === 0) continue;
          return { ok: false, retryable: false, error: describe(a) };
        }
        return judge(a);
      }
    } catch (e) {
      return networkFailure(e);
    }
  }
}
