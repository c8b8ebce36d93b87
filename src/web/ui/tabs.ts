// Which profile settings each tab shows (SPEC 3). A key the schema has and no tab names lands in "More", so a
// section added to the schema appears on the page without a change here.
export const SETTINGS_TABS = [
  { id: 'knowledge', keys: ['knowledge'] },
  { id: 'persona', keys: ['persona', 'smallTalk', 'replyDelaySeconds', 'enabled', 'citeSourcesInNote'] },
  { id: 'rules', keys: ['rules', 'sentimentThresholds'] },
  { id: 'handoff', keys: ['handoff', 'idle', 'followUps', 'resolveCooldownSeconds', 'resolveSummary', 'media'] },
  { id: 'flows', keys: ['flows', 'flow'] },
  { id: 'integrations', keys: ['integrations'] },
  { id: 'businessHours', keys: ['businessHours'] },
] as const;

export const TOOL_TABS = ['playground', 'analytics'] as const;

export type TabId = (typeof SETTINGS_TABS)[number]['id'] | 'more' | (typeof TOOL_TABS)[number];

/** The profile keys of the schema that no tab names. */
export function unplacedKeys(profileKeys: string[]): string[] {
  const placed = new Set<string>(SETTINGS_TABS.flatMap((tab) => [...tab.keys]));
  return profileKeys.filter((k) => !placed.has(k));
}

/** The tab that shows a profile key (a server error's field is shown by opening its tab). */
export function tabOf(key: string): TabId {
  return SETTINGS_TABS.find((tab) => (tab.keys as readonly string[]).includes(key))?.id ?? 'more';
}
