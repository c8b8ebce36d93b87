// The settings page: sign in with the admin token, pick a profile (default or an inbox), edit it tab by tab, save
// a draft, publish. Field editors come from the settings' JSON Schema, so sections added to the schema show up here.
import { useEffect, useState } from 'preact/hooks';
import { AnalyticsTab } from './analytics-tab.js';
import { api, ApiError, type FieldError, token } from './api.js';
import { DirectoryStatus, useDirectory } from './directory.js';
import { FirstRun } from './first-run.js';
import { fieldName, problemSentence, problemText } from './field-problems.js';
import { Field, ObjectEditor } from './fields.js';
import { FlowEditor } from './flow-editor.js';
import { HistoryPicker } from './history-picker.js';
import { Form, type FormContext, useForm } from './form-context.js';
import { initialLang, type Lang, translate } from './i18n.js';
import { withPublishedSources } from './knowledge-client.js';
import { KnowledgeTab } from './knowledge-tab.js';
import { Playground } from './playground.js';
import { RulesEditor } from './rules-editor.js';
import { joinPath, type JsonSchema, resolve } from './schema.js';
import { write } from './storage.js';
import { SETTINGS_TABS, type TabId, tabOf, TOOL_TABS, unplacedKeys } from './tabs.js';

type Settings = { enabled: boolean; teamLanguage?: string; defaultProfile: Record<string, unknown>; inboxes: Record<string, Record<string, unknown>> } & Record<string, unknown>;
interface Draft {
  settings: Settings;
  differs: boolean;
  savedAt: number | null;
}

export function SettingsApp() {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const [signedIn, setSignedIn] = useState(() => token.get() !== '');
  const setLang = (l: Lang) => {
    write('localStorage', 'jawab-lang', l);
    document.documentElement.lang = l;
    setLangState(l);
  };
  const t = (key: string, params?: Record<string, string | number>) => translate(lang, key, params);
  return (
    <div class="app">
      <header class="top">
        <h1>{t('app.title')}</h1>
        <div class="lang">
          {(['en', 'id'] as const).map((l) => <button type="button" class={l === lang ? 'active' : ''} aria-pressed={l === lang} onClick={() => setLang(l)}>{l.toUpperCase()}</button>)}
          {signedIn && <button type="button" class="link" onClick={() => { token.clear(); setSignedIn(false); }}>{t('login.signOut')}</button>}
        </div>
      </header>
      {signedIn ? <Editor lang={lang} onUnauthorized={() => { token.clear(); setSignedIn(false); }} /> : <Login lang={lang} onDone={() => setSignedIn(true)} />}
    </div>
  );
}

function Login({ lang, onDone }: { lang: Lang; onDone: () => void }) {
  const [value, setValue] = useState('');
  const [error, setError] = useState('');
  const t = (key: string) => translate(lang, key);
  return (
    <form class="login" onSubmit={async (e) => {
      e.preventDefault();
      token.set(value.trim());
      try {
        await api('GET', '/api/settings/draft');
        onDone();
      } catch (err) {
        token.clear();
        setError(err instanceof ApiError && err.status === 401 ? t('login.wrong') : String(err));
      }
    }}>
      <h2>{t('login.title')}</h2>
      <label>{t('login.token')}<input id="token" type="password" autocomplete="current-password" value={value} onInput={(e) => setValue((e.currentTarget as HTMLInputElement).value)} /></label>
      <button type="submit">{t('login.submit')}</button>
      {error && <p class="error" role="alert">{error}</p>}
    </form>
  );
}

function Editor({ lang, onUnauthorized }: { lang: Lang; onUnauthorized: () => void }) {
  const [root, setRoot] = useState<JsonSchema | null>(null);
  const [settings, setSettings] = useState<Settings | null>(null);
  const [saved, setSaved] = useState('');
  const [differs, setDiffers] = useState(false);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [status, setStatus] = useState('');
  const { directory, problem: directoryProblem, refresh: refreshDirectory } = useDirectory();
  const [profile, setProfile] = useState('default');
  const [tab, setTab] = useState<TabId>('persona');
  /** Counts publishes: the Knowledge tab reads the sources again (a profile just published can have sources now). */
  const [publishes, setPublishes] = useState(0);
  const t = (key: string, params?: Record<string, string | number>) => translate(lang, key, params);

  const fail = (e: unknown) => {
    if (e instanceof ApiError && e.status === 401) return onUnauthorized();
    if (e instanceof ApiError && e.fields.length) {
      setErrors(e.fields);
      setStatus(t('draft.invalid'));
      // Open the profile and tab of the first problem, so its message is in view next to its field.
      const [top, inbox, key] = e.fields[0]!.path.split('.');
      if (top === 'inboxes' && inbox && key) {
        setProfile(inbox);
        setTab(tabOf(key));
      } else if (top === 'defaultProfile' && inbox) {
        setProfile('default');
        setTab(tabOf(inbox));
      }
    } else setStatus(t('common.error', { message: e instanceof Error ? e.message : String(e) }));
  };
  const take = (draft: Draft) => {
    setSettings(draft.settings);
    setSaved(JSON.stringify(draft.settings));
    setDiffers(draft.differs);
    setErrors([]);
  };
  useEffect(() => {
    Promise.all([api<JsonSchema>('GET', '/api/settings/schema'), api<Draft>('GET', '/api/settings/draft')])
      .then(([schema, draft]) => {
        setRoot(schema);
        take(draft);
      })
      .catch(fail);
  }, []);
  if (!root || !settings) return <p class="muted">{status || t('common.loading')}</p>;

  const profileSchema = resolve(root.properties?.['defaultProfile'] ?? {}, root);
  const profilePath = profile === 'default' ? 'defaultProfile' : joinPath('inboxes', profile);
  const profileValue = (profile === 'default' ? settings.defaultProfile : settings.inboxes[profile]) ?? {};
  const setProfileValue = (next: Record<string, unknown>) =>
    setSettings(profile === 'default' ? { ...settings, defaultProfile: next } : { ...settings, inboxes: { ...settings.inboxes, [profile]: next } });
  const unsaved = JSON.stringify(settings) !== saved;

  const saveDraft = async (): Promise<boolean> => {
    try {
      // Sources are not drafted: they are changed at once through /api/knowledge, so the ones published win.
      const published = await api<Settings>('GET', '/api/settings');
      take(await api<Draft>('PUT', '/api/settings/draft', withPublishedSources(settings, published)));
      setStatus(t('draft.saved'));
      return true;
    } catch (e) {
      fail(e);
      return false;
    }
  };
  const publish = async () => {
    if (!(await saveDraft())) return;
    try {
      const published = await api<Settings>('POST', '/api/settings/publish');
      take({ settings: published, differs: false, savedAt: null });
      setPublishes(publishes + 1);
      setStatus(t('draft.published'));
    } catch (e) {
      fail(e);
    }
  };
  /** A version restored from the history is published at once; a draft in progress stays as it was. */
  const restored = async (version: number) => {
    try {
      take(await api<Draft>('GET', '/api/settings/draft'));
      setPublishes(publishes + 1);
      setStatus(t('history.restored', { n: version }));
    } catch (e) {
      fail(e);
    }
  };
  const discard = async () => {
    try {
      take(await api<Draft>('DELETE', '/api/settings/draft'));
      setStatus(t('draft.discarded'));
    } catch (e) {
      fail(e);
    }
  };

  const ctx: FormContext = { lang, root, errors: Object.fromEntries(errors.map((e) => [e.path, problemSentence(lang, e)])), directory };
  const keys = Object.keys(profileSchema.properties ?? {});
  const more = unplacedKeys(keys);
  const tabs: TabId[] = [...SETTINGS_TABS.map((x) => x.id), ...(more.length ? (['more'] as const) : []), ...TOOL_TABS];
  const field = (key: string) => {
    const props = { key: `${profile}.${key}`, name: key, schema: profileSchema.properties![key]!, path: joinPath(profilePath, key), value: profileValue[key], onChange: (v: unknown) => setProfileValue({ ...profileValue, [key]: v }) };
    if (key === 'rules') return <RulesEditor {...props} />;
    if (key === 'flow') return <FlowEditor {...props} />;
    // The sources are listed and changed live by the Knowledge tab; the rest of `knowledge` is drafted as usual.
    if (key === 'knowledge') return <ObjectEditor {...props} schema={resolve(props.schema, root)} skip="sources" />;
    return <Field {...props} />;
  };
  const section = (id: TabId) => {
    if (id === 'playground') return <Playground profile={profile} />;
    if (id === 'analytics') return <AnalyticsTab />;
    const tabKeys = id === 'more' ? more : [...(SETTINGS_TABS.find((x) => x.id === id)?.keys ?? [])].filter((k) => keys.includes(k));
    const body = tabKeys.map(field);
    return (
      <>
        {id === 'knowledge' && keys.includes('knowledge') && <KnowledgeTab key={`${profile}.${publishes}`} profile={profile} />}
        {body.length ? body : id !== 'knowledge' || !keys.includes('knowledge') ? <p class="notice missing-section">{t('section.missing', { name: t(`tab.${id}`) })}</p> : null}
      </>
    );
  };

  return (
    <Form.Provider value={ctx}>
      <div class="toolbar">
        <label class="switch global"><input id="global-enabled" type="checkbox" checked={settings.enabled} onChange={(e) => setSettings({ ...settings, enabled: (e.currentTarget as HTMLInputElement).checked })} /> {t('global.enabled')}</label>
        <TeamLanguage settings={settings} onChange={setSettings} />
        <ProfilePicker settings={settings} profile={profile} onPick={setProfile} onChange={setSettings} />
        <DirectoryStatus problem={directoryProblem} refresh={refreshDirectory} />
      </div>
      <FirstRun onOpen={setTab} reload={publishes} />
      <div class="savebar">
        <button type="button" id="save-draft" onClick={() => void saveDraft()}>{t('draft.save')}</button>
        <button type="button" id="publish" class="primary" onClick={() => void publish()}>{t('draft.publish')}</button>
        <HistoryPicker reload={publishes} onRestored={(version) => void restored(version)} onError={fail} />
        {differs && !unsaved && <button type="button" class="link" onClick={() => void discard()}>{t('draft.discard')}</button>}
        <span class="status" id="save-status" role="status">
          {unsaved ? t('draft.unsaved') : status || (differs ? t('draft.differs') : t('draft.same'))}
        </span>
      </div>
      {errors.length > 0 && (
        <ul class="error-summary" role="alert">
          {errors.map((e) => <li>{fieldName(lang, e.path)}: {problemText(lang, e)}</li>)}
        </ul>
      )}
      <nav class="tabs" role="tablist">
        {tabs.map((id) => <button type="button" role="tab" id={`tab-${id}`} aria-selected={id === tab} class={id === tab ? 'active' : ''} onClick={() => setTab(id)}>{t(`tab.${id}`)}</button>)}
      </nav>
      <main class="panel" role="tabpanel">{section(tab)}</main>
    </Form.Provider>
  );
}

/** Account-wide, like the global switch: the language of the notes Jawab writes for agents (empty: automatic). */
function TeamLanguage(props: { settings: Settings; onChange: (s: Settings) => void }) {
  const { t } = useForm();
  const { teamLanguage, ...rest } = props.settings;
  return (
    <label class="team-language" title={t('teamLanguage.help')}>{t('teamLanguage.label')}{' '}
      <select id="team-language" value={teamLanguage ?? ''} onChange={(e) => {
        const value = (e.currentTarget as HTMLSelectElement).value;
        props.onChange(value ? { ...rest, teamLanguage: value } : rest);
      }}>
        <option value="">{t('teamLanguage.auto')}</option>
        <option value="id">Bahasa Indonesia</option>
        <option value="en">English</option>
      </select>
    </label>
  );
}

function ProfilePicker(props: { settings: Settings; profile: string; onPick: (p: string) => void; onChange: (s: Settings) => void }) {
  const { t, directory } = useForm();
  /** "Inbox 3 · WhatsApp Toko" when Chatwoot named it. */
  const inboxName = (id: string) => {
    const name = directory?.inboxes.find((inbox) => String(inbox.id) === id)?.name;
    return name ? `${t('profile.inbox', { id })} · ${name}` : t('profile.inbox', { id });
  };
  const [inbox, setInbox] = useState('');
  const [error, setError] = useState('');
  const { settings } = props;
  const ids = Object.keys(settings.inboxes).sort((a, b) => Number(a) - Number(b));
  return (
    <div class="profiles">
      <label>{t('profile.label')}{' '}
        <select id="profile" value={props.profile} onChange={(e) => props.onPick((e.currentTarget as HTMLSelectElement).value)}>
          <option value="default">{t('profile.default')}</option>
          {ids.map((id) => <option value={id}>{inboxName(id)}</option>)}
        </select>
      </label>
      {props.profile !== 'default' && (
        <button type="button" class="link remove" onClick={() => {
          const { [props.profile]: _removed, ...rest } = settings.inboxes;
          props.onChange({ ...settings, inboxes: rest });
          props.onPick('default');
        }}>{t('profile.remove')}</button>
      )}
      <span class="add-profile">
        <input id="new-inbox" size={6} inputMode="numeric" placeholder="id" list="new-inbox-list" value={inbox} onInput={(e) => setInbox((e.currentTarget as HTMLInputElement).value)} />
        {/* Chatwoot's inboxes without a profile, by name: picking one fills in its id. */}
        <datalist id="new-inbox-list">
          {(directory?.inboxes ?? []).filter((item) => !settings.inboxes[String(item.id)]).map((item) => <option value={String(item.id)}>{item.name}</option>)}
        </datalist>
        <button type="button" onClick={() => {
          const id = inbox.trim();
          if (!/^\d+$/.test(id)) return setError(t('profile.badId'));
          if (settings.inboxes[id]) return setError(t('profile.exists'));
          // A new inbox profile starts as a copy of the default one, without its knowledge sources: those are the
          // default profile's own (their files live under it), and the inbox adds its own on the Knowledge tab.
          const copy = structuredClone(settings.defaultProfile);
          const knowledge = copy['knowledge'];
          if (knowledge && typeof knowledge === 'object') copy['knowledge'] = { ...knowledge, sources: [] };
          props.onChange({ ...settings, inboxes: { ...settings.inboxes, [id]: copy } });
          props.onPick(id);
          setInbox('');
          setError('');
        }}>{t('profile.add')}</button>
      </span>
      {error && <span class="error">{error}</span>}
    </div>
  );
}
