// The first-run checklist: what to do after signing in, each step with its state read from the server (GET
// /api/setup and the knowledge folder): connect Chatwoot or stay in the sandbox, add knowledge, try the playground,
// publish. Shown until the owner hides it; "Getting started" brings it back.
import { useEffect, useState } from 'preact/hooks';
import type { SetupState } from '../setup-api.js';
import { api } from './api.js';
import { useForm } from './form-context.js';
import type { KnowledgeFolder } from './knowledge-client.js';
import { read, write } from './storage.js';
import type { TabId } from './tabs.js';

const HIDDEN = 'jawab-first-run-hidden';

interface Step {
  id: string;
  done: boolean;
  text: string;
  open?: TabId;
}

export function FirstRun({ onOpen, reload }: { onOpen: (tab: TabId) => void; reload: number }) {
  const { t } = useForm();
  const [hidden, setHidden] = useState(read('localStorage', HIDDEN) === '1');
  const [setup, setSetup] = useState<SetupState | null>(null);
  const [folderFiles, setFolderFiles] = useState(0);
  useEffect(() => {
    api<SetupState>('GET', '/api/setup').then(setSetup, () => setSetup(null));
    api<KnowledgeFolder>('GET', '/api/knowledge/default/folder').then((folder) => setFolderFiles(folder.status.documents), () => setFolderFiles(0));
  }, [reload]);
  const hide = (value: boolean) => {
    write('localStorage', HIDDEN, value ? '1' : null);
    setHidden(value);
  };
  if (hidden) return <p class="first-run-again"><button type="button" class="link" id="first-run-open" onClick={() => hide(false)}>{t('firstRun.open')}</button></p>;
  if (setup === null) return null;
  const steps: Step[] = [
    { id: 'helpdesk', done: setup.helpdesk === 'chatwoot', text: t(setup.helpdesk === 'chatwoot' ? 'firstRun.connected' : 'firstRun.sandbox') },
    { id: 'knowledge', done: setup.sources + folderFiles > 0, text: t('firstRun.knowledge', { files: folderFiles, sources: setup.sources }), open: 'knowledge' },
    { id: 'playground', done: setup.playgroundChats > 0, text: t('firstRun.playground'), open: 'playground' },
    { id: 'publish', done: setup.published, text: t('firstRun.publish') },
  ];
  const left = steps.filter((step) => !step.done).length;
  return (
    <section class="first-run" id="first-run" aria-labelledby="first-run-title">
      <header>
        <h2 id="first-run-title">{t('firstRun.title')}</h2>
        <span class="muted">{left === 0 ? t('firstRun.allDone') : t('firstRun.left', { n: left })}</span>
        <button type="button" class="link" id="first-run-hide" onClick={() => hide(true)}>{t('firstRun.hide')}</button>
      </header>
      <ol>
        {steps.map((step) => (
          <li key={step.id} id={`first-run-${step.id}`} class={step.done ? 'done' : 'todo'}>
            <span class="mark" aria-label={t(step.done ? 'firstRun.done' : 'firstRun.todo')}>{step.done ? '✓' : '○'}</span>
            <span>{step.text}</span>
            {step.open && !step.done && <button type="button" class="link" onClick={() => onOpen(step.open!)}>{t(`firstRun.open.${step.open}`)}</button>}
          </li>
        ))}
      </ol>
    </section>
  );
}
