import { Field } from '../../components/field.tsx';
import { Icon } from '../../components/icons.tsx';
import type { RuleDraft } from './monitor-draft.ts';

export interface RulesEditorProps {
  rules: RuleDraft[];
  err: (key: string) => string | undefined;
  fieldId: (key: string) => string;
  onChange: (rules: RuleDraft[]) => void;
}

/** The monitor's own conditions on top of the built-in rules, e.g. `[BODY].queue_depth > 500`. */
export function RulesEditor({ rules, err, fieldId, onChange }: RulesEditorProps) {
  const set = (i: number, patch: Partial<RuleDraft>) =>
    onChange(rules.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <div className="rules-editor">
      <p className="muted">
        A condition compares a placeholder with a value: <code>[RESPONSE_TIME] &gt; 800</code>,{' '}
        <code>[STATUS] == 200</code>, <code>[BODY].error_rate &gt; 0.05</code>, <code>[BALANCE] &lt; 5</code>.
      </p>
      {rules.length === 0 ? <p className="muted">No extra rules.</p> : null}
      {rules.map((rule, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their place; issues are addressed by index too.
        <div className="rule-row" key={i}>
          <Field
            id={fieldId(`rules[${i}].when`)}
            label={`Rule ${i + 1} condition`}
            error={err(`rules[${i}].when`) ?? err(`rules[${i}]`)}
          >
            {(control) => (
              <input
                {...control}
                type="text"
                spellCheck={false}
                placeholder="[RESPONSE_TIME] > 800"
                value={rule.when}
                onChange={(e) => set(i, { when: e.target.value })}
              />
            )}
          </Field>
          <Field id={fieldId(`rules[${i}].severity`)} label="Severity" error={err(`rules[${i}].severity`)}>
            {(control) => (
              <select
                {...control}
                value={rule.severity}
                onChange={(e) => set(i, { severity: e.target.value as RuleDraft['severity'] })}
              >
                <option value="warning">Warning</option>
                <option value="critical">Critical</option>
              </select>
            )}
          </Field>
          <Field id={fieldId(`rules[${i}].name`)} label="Name (optional)" error={err(`rules[${i}].name`)}>
            {(control) => (
              <input
                {...control}
                type="text"
                value={rule.name}
                onChange={(e) => set(i, { name: e.target.value })}
              />
            )}
          </Field>
          <button
            type="button"
            className="button button-small button-danger rule-remove"
            onClick={() => onChange(rules.filter((_, j) => j !== i))}
          >
            Remove rule {i + 1}
          </button>
        </div>
      ))}
      <button
        type="button"
        className="button button-small"
        onClick={() => onChange([...rules, { name: '', when: '', severity: 'warning' }])}
      >
        <Icon name="plus" />
        Add rule
      </button>
    </div>
  );
}
