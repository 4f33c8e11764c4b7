/** What the compliance report needs beyond the common stores: the nickname state of every trainee at once. */
export interface NicknameState {
  /** A platform account is bound to the trainee. */
  bound: boolean;
  /** Whether the latest group nickname seen for the trainee complied; null when never seen in a group. */
  latestCompliant: boolean | null;
}

export interface ReportStore {
  /** Nickname state of every trainee of the campaign that has a binding or an observation (one bulk query each). */
  nicknameStates(campaignId: string): Promise<Map<number, NicknameState>>;
}
