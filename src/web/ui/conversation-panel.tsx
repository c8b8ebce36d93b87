// What the dashboard app shows of a conversation: who owns it and the buttons that change that, why the last reply
// was sent, the handoff summary and Jawab's audit trail. The app in Chatwoot's sidebar (dashboard-main.tsx) renders
// it for the open conversation; the playground renders it as a preview of a playground conversation (buttons inert).
import type { HandoffSummary } from '../handoff-summary.js';
import type { Because } from '../../engine/why.js';
import { initialLang, translate } from './i18n.js';
import { explainWhy } from './why-text.js';

export type OwnerCommand = 'take-over' | 'resume' | 'stop' | 'stop-contact' | 'resume-contact';

export interface View {
  key: string;
  owner: 'ai' | 'human' | 'stopped';
  status: string;
  contactKnown: boolean;
  contactStopped: boolean;
  botReplies: number;
  lastAnswer: { at: number; text: string; why: string; because?: Because; sources: Array<{ title: string; source: string; score: number }> } | null;
  handoff: HandoffSummary | null;
  audit: Array<{ at: number; what: string; why: string }>;
}

export const lang = initialLang();
export const WORDS = {
  en: {
    waiting: 'Open a conversation in Chatwoot to see Jawab here.',
    owner: { ai: 'Jawab (AI) is answering', human: 'A human has this conversation', stopped: 'Jawab is stopped here' },
    takeOver: 'Take over',
    resume: 'Return to AI',
    stop: 'Stop AI here',
    stopContact: 'Stop AI for this contact',
    resumeContact: 'Allow AI for this contact again',
    contactStopped: 'The AI is stopped for this contact: Jawab does not answer any of their conversations, new ones go to your team.',
    why: 'Why the last reply was sent',
    sources: 'Sources',
    handoff: 'Handoff summary',
    customerSaid: 'Customer said',
    jawabSaid: 'Jawab answered',
    tried: 'Tried in the knowledge',
    trail: 'What Jawab did',
    unknown: 'Jawab has not seen this conversation.',
    badLink: 'This link is not valid: configure the dashboard app with the link from Jawab.',
  },
  id: {
    waiting: 'Buka percakapan di Chatwoot untuk melihat Jawab di sini.',
    owner: { ai: 'Jawab (AI) sedang membalas', human: 'Percakapan ini dipegang manusia', stopped: 'Jawab dihentikan di sini' },
    takeOver: 'Ambil alih',
    resume: 'Kembalikan ke AI',
    stop: 'Hentikan AI di sini',
    stopContact: 'Hentikan AI untuk kontak ini',
    resumeContact: 'Izinkan AI lagi untuk kontak ini',
    contactStopped: 'AI dihentikan untuk kontak ini: Jawab tidak membalas percakapan mereka, percakapan baru diteruskan ke tim Anda.',
    why: 'Alasan balasan terakhir',
    sources: 'Sumber',
    handoff: 'Ringkasan pengalihan',
    customerSaid: 'Pelanggan berkata',
    jawabSaid: 'Jawab menjawab',
    tried: 'Dicoba di pengetahuan',
    trail: 'Yang dilakukan Jawab',
    unknown: 'Jawab belum pernah melihat percakapan ini.',
    badLink: 'Tautan ini tidak valid: pasang dashboard app dengan tautan dari Jawab.',
  },
}[lang];

/** The handoff's reason in the page's language (i18n.ts `reason.*`), with what it was about; else as the audit wrote it. */
function reasonOf(handoff: HandoffSummary): string {
  if (handoff.reasonKey === undefined) return handoff.reason;
  const reason = translate(lang, `reason.${handoff.reasonKey}`);
  return handoff.detail ? `${reason} (${handoff.detail})` : reason;
}


export function ConversationPanel({ view, act }: { view: View; act?: (command: OwnerCommand) => void }) {
  return (
    <div class="dashboard">
      <p class={`owner ${view.owner}`} id="owner" data-owner={view.owner}>{WORDS.owner[view.owner]}</p>
      <div class="buttons">
        {/* A preview shows the buttons an agent gets, inert: a playground conversation has no agents. */}
        {view.owner === 'ai' && <button type="button" disabled={act === undefined} id="take-over" class="primary" onClick={() => act?.('take-over')}>{WORDS.takeOver}</button>}
        {view.owner !== 'ai' && <button type="button" disabled={act === undefined} id="resume" onClick={() => act?.('resume')}>{WORDS.resume}</button>}
        {view.owner !== 'stopped' && <button type="button" disabled={act === undefined} id="stop" onClick={() => act?.('stop')}>{WORDS.stop}</button>}
        {view.contactKnown && !view.contactStopped && <button type="button" disabled={act === undefined} id="stop-contact" onClick={() => act?.('stop-contact')}>{WORDS.stopContact}</button>}
        {view.contactStopped && <button type="button" disabled={act === undefined} id="resume-contact" onClick={() => act?.('resume-contact')}>{WORDS.resumeContact}</button>}
      </div>
      {view.contactStopped && <p class="muted" id="contact-stopped">{WORDS.contactStopped}</p>}
      {view.lastAnswer && (
        <section>
          <h3>{WORDS.why}</h3>
          <p id="last-why">{explainWhy(lang, view.lastAnswer)}</p>
          {view.lastAnswer.sources.length > 0 && <p class="muted">{WORDS.sources}: {view.lastAnswer.sources.map((s) => `${s.title} (${s.source})`).join(' · ')}</p>}
        </section>
      )}
      {view.handoff && (
        <section id="handoff">
          <h3>{WORDS.handoff}</h3>
          <p id="handoff-reason"><strong>{reasonOf(view.handoff)}</strong></p>
          <p class="muted">{WORDS.customerSaid}:</p>
          <pre>{view.handoff.customerSaid.join('\n')}</pre>
          {view.handoff.jawabSaid.length > 0 && <><p class="muted">{WORDS.jawabSaid}:</p><pre>{view.handoff.jawabSaid.join('\n')}</pre></>}
          {view.handoff.tried.length > 0 && <p class="muted">{WORDS.tried}: {view.handoff.tried.map((s) => s.title).join(', ')}</p>}
        </section>
      )}
      <details>
        <summary>{WORDS.trail}</summary>
        <ol class="audit">{view.audit.map((a) => <li class={a.what.startsWith('dropped ') ? 'failed' : undefined}>{new Date(a.at).toLocaleTimeString()} · {a.what}: {a.why}</li>)}</ol>
      </details>
    </div>
  );
}

