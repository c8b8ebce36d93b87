// Inputs for values a non-developer should not have to type as raw data: durations (stored in seconds, edited in
// minutes, hours or days), clock times, a set of choices (checkboxes, the limit counted) and a value that may be
// text, a number or yes/no (custom attributes).
import { useState } from 'preact/hooks';
import { useForm } from './form-context.js';
import type { JsonSchema } from './schema.js';

interface InputProps {
  schema: JsonSchema;
  value: unknown;
  onChange: (value: unknown) => void;
  path: string;
}

const UNITS = [
  { id: 'days', seconds: 86_400 },
  { id: 'hours', seconds: 3600 },
  { id: 'minutes', seconds: 60 },
  { id: 'seconds', seconds: 1 },
] as const;

/** The largest unit the value is a whole number of (0 and unset are shown in the field's smallest sensible unit). */
function unitFor(seconds: number): number {
  return UNITS.find((u) => seconds > 0 && seconds % u.seconds === 0)?.seconds ?? 1;
}

/** `86400` → `1 day`: a limit in the largest unit it is a whole number of. */
export function formatDuration(seconds: number, t: (key: string, p?: Record<string, string | number>) => string): string {
  const unit = UNITS.find((u) => seconds >= u.seconds && seconds % u.seconds === 0) ?? UNITS[3];
  const n = seconds / unit.seconds;
  return `${n} ${t(n === 1 ? `unit.one.${unit.id}` : `unit.${unit.id}`)}`;
}

/** A number of seconds, edited as a number and a unit. */
export function DurationInput(props: InputProps) {
  const { t } = useForm();
  const seconds = typeof props.value === 'number' ? props.value : undefined;
  const [unit, setUnit] = useState(() => unitFor(seconds ?? 0));
  const min = props.schema.minimum ?? 0;
  const max = props.schema.maximum;
  const outside = seconds !== undefined && (seconds < min || (max !== undefined && seconds > max));
  return (
    <div class="duration">
      <input
        id={props.path}
        type="number"
        min={0}
        step="any"
        value={seconds === undefined ? '' : seconds / unit}
        onInput={(e) => {
          const raw = (e.currentTarget as HTMLInputElement).value;
          props.onChange(raw === '' ? undefined : Math.round(Number(raw) * unit));
        }}
      />
      <select class="unit" aria-label={t('unit.label')} value={String(unit)} onChange={(e) => {
        const next = Number((e.currentTarget as HTMLSelectElement).value);
        if (seconds !== undefined) props.onChange(Math.round((seconds / unit) * next));
        setUnit(next);
      }}>
        {UNITS.map((u) => <option value={String(u.seconds)}>{t(`unit.${u.id}`)}</option>)}
      </select>
      {max !== undefined && (
        <span class={`counter${outside ? ' over' : ''}`}>{t('field.between', { min: formatDuration(min, t), max: formatDuration(max, t) })}</span>
      )}
    </div>
  );
}

/** A set of choices, each at most once: checkboxes, with the limit counted. */
export function MultiChoice(props: InputProps & { choices: unknown[]; context: string }) {
  const { t, option } = useForm();
  const chosen = Array.isArray(props.value) ? props.value : [];
  const max = props.schema.maxItems;
  return (
    <div class="multi" id={props.path}>
      {props.choices.map((c) => (
        <label class="check">
          <input
            type="checkbox"
            checked={chosen.includes(c)}
            disabled={!chosen.includes(c) && max !== undefined && chosen.length >= max}
            onChange={(e) => props.onChange((e.currentTarget as HTMLInputElement).checked ? props.choices.filter((x) => x === c || chosen.includes(x)) : chosen.filter((x) => x !== c))}
          />
          {option(c, props.context)}
        </label>
      ))}
      {max !== undefined && max < props.choices.length && <span class={`counter${chosen.length > max ? ' over' : ''}`}>{t('field.count', { n: chosen.length, max })}</span>}
    </div>
  );
}

/** Text, a number or yes/no: typed as text; `true`/`false` and numbers are kept as text unless the kind says otherwise. */
export function ScalarInput(props: InputProps) {
  const { t } = useForm();
  const kind = typeof props.value === 'number' ? 'number' : typeof props.value === 'boolean' ? 'boolean' : 'string';
  const as = (k: string, raw: string): unknown => (k === 'number' ? Number(raw) || 0 : k === 'boolean' ? raw === 'true' : raw);
  return (
    <div class="scalar">
      <select aria-label={t('scalar.kind')} value={kind} onChange={(e) => props.onChange(as((e.currentTarget as HTMLSelectElement).value, String(props.value ?? '')))}>
        {['string', 'number', 'boolean'].map((k) => <option value={k}>{t(`scalar.${k}`)}</option>)}
      </select>
      {kind === 'boolean' ? (
        <select id={props.path} value={String(props.value)} onChange={(e) => props.onChange((e.currentTarget as HTMLSelectElement).value === 'true')}>
          <option value="true">{t('scalar.true')}</option>
          <option value="false">{t('scalar.false')}</option>
        </select>
      ) : (
        <input id={props.path} type={kind === 'number' ? 'number' : 'text'} value={String(props.value ?? '')} onInput={(e) => props.onChange(as(kind, (e.currentTarget as HTMLInputElement).value))} />
      )}
    </div>
  );
}
