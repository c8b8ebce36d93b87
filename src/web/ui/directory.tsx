// Agents, teams, inboxes and labels by name (GET /api/directory): the settings page shows a select where a setting
// holds an agent's or a team's id, the inbox's name next to its id, and the account's labels while typing one. Without
// the directory (Chatwoot unreachable) the fields stay plain number inputs and say why.
import { useEffect, useState } from 'preact/hooks';
import type { Directory, Named } from '../../chatwoot/port.js';
import { api } from './api.js';
import type { FieldProps } from './fields.js';
import { useForm } from './form-context.js';

export type { Directory };

/** The directory once loaded, null while loading, or the reason it could not be read; `refresh` reads it again. */
export function useDirectory(): { directory: Directory | null; problem: string; refresh: () => void } {
  const [directory, setDirectory] = useState<Directory | null>(null);
  const [problem, setProblem] = useState('');
  const load = (fresh: boolean) =>
    api<Directory>('GET', `/api/directory${fresh ? '?refresh=1' : ''}`).then(
      (read) => {
        setDirectory(read);
        setProblem('');
      },
      (e: unknown) => setProblem(e instanceof Error ? e.message : String(e)),
    );
  useEffect(() => void load(false), []);
  return { directory, problem, refresh: () => void load(true) };
}

/** Which list a number field picks from, by the field's name (items of `agentIds` are named after their list). */
export function directoryListOf(name: string): 'agents' | 'teams' | undefined {
  if (name === 'agentId' || name === 'agentIds') return 'agents';
  if (name === 'teamId') return 'teams';
  return undefined;
}

/** A select of the list's names; a stored id Chatwoot no longer has stays selectable, marked. */
export function DirectoryPick(props: FieldProps & { list: Named[] }) {
  const { t } = useForm();
  const value = typeof props.value === 'number' ? props.value : undefined;
  const known = value === undefined || props.list.some((item) => item.id === value);
  return (
    <select id={props.path} class="directory-pick" value={value === undefined ? '' : String(value)} onChange={(e) => {
      const raw = (e.currentTarget as HTMLSelectElement).value;
      props.onChange(raw === '' ? undefined : Number(raw));
    }}>
      <option value="">{t('directory.choose')}</option>
      {props.list.map((item) => <option value={String(item.id)}>{item.name}</option>)}
      {!known && <option value={String(value)}>{t('directory.unknown', { id: value! })}</option>}
    </select>
  );
}

/** The page's "read again" for the directory, with what went wrong when it could not be read. */
export function DirectoryStatus({ problem, refresh }: { problem: string; refresh: () => void }) {
  const { t } = useForm();
  return (
    <span class="directory-status">
      <button type="button" class="link" id="directory-refresh" onClick={refresh}>{t('directory.refresh')}</button>
      {problem && <span class="error" id="directory-problem">{t('directory.problem', { message: problem })}</span>}
    </span>
  );
}
