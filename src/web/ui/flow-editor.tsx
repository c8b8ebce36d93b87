// The Flows tab: the inbox's flow is edited with the generic editors, and every "go to step" field (`next`, `else`,
// `start`) suggests the ids of the steps that exist, so a jump is picked rather than typed from memory.
import { useContext } from 'preact/hooks';
import { Field, type FieldProps } from './fields.js';
import { Form } from './form-context.js';

export function FlowEditor(props: FieldProps) {
  const ctx = useContext(Form);
  const steps = props.value && typeof props.value === 'object' ? (props.value as { steps?: unknown }).steps : undefined;
  const ids = steps && typeof steps === 'object' ? Object.keys(steps) : [];
  return (
    <Form.Provider value={{ ...ctx, suggestions: { next: ids, else: ids, start: ids } }}>
      <Field {...props} />
    </Form.Provider>
  );
}
