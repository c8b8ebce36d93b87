// The Flows tab: the inbox's flow is edited with the generic editors, and every "go to step" field (`next`, `else`,
// `start`) is a select of the steps that exist, each shown by what it does ("menu · Ask with buttons: “Hi! What can…”"),
// so a jump is picked by what the step says rather than typed from memory.
import { useContext } from 'preact/hooks';
import { Field, type FieldProps } from './fields.js';
import { type Choice, Form, useForm } from './form-context.js';

const JUMPS = ['next', 'else', 'start'] as const;
const EXCERPT = 40;

/** A step as the page holds it while it is edited: any of its fields may still be missing. */
interface DraftStep {
  type?: string;
  text?: string;
  to?: string;
  actions?: { type?: string }[];
}

export function FlowEditor(props: FieldProps) {
  const ctx = useContext(Form);
  const { option } = useForm();
  const raw = props.value && typeof props.value === 'object' ? (props.value as { steps?: unknown }).steps : undefined;
  const steps = raw && typeof raw === 'object' ? (raw as Record<string, DraftStep>) : {};
  const list = stepChoices(steps, option);
  return (
    <Form.Provider value={{ ...ctx, choices: Object.fromEntries(JUMPS.map((name) => [name, list])) }}>
      <Field {...props} />
    </Form.Provider>
  );
}

/** Each step by its id and what it does, in the page's language (the option texts of the step kinds). */
export function stepChoices(steps: Record<string, DraftStep>, option: (value: unknown, ...contexts: string[]) => string): Choice[] {
  return Object.entries(steps).map(([id, step]) => {
    const kind = step.type === undefined ? '' : option(step.type, 'type');
    const detail =
      step.type === 'buttons' && step.text ? `“${excerpt(step.text)}”`
      : step.type === 'end' && step.to ? option(step.to, 'to')
      : step.type === 'actions' && step.actions?.length ? step.actions.map((a) => (a.type === undefined ? '' : option(a.type, 'actions'))).filter(Boolean).join(', ')
      : '';
    return { value: id, label: [id, [kind, detail].filter(Boolean).join(': ')].filter(Boolean).join(' · ') };
  });
}

const excerpt = (text: string): string => (text.length > EXCERPT ? `${text.slice(0, EXCERPT - 1).trimEnd()}…` : text);
