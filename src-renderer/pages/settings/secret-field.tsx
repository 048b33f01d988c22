import { Field } from '../../components/field.tsx';
import { removeStored, type SecretDraft } from './secret-draft.ts';

export interface SecretFieldProps {
  id: string;
  label: string;
  value: SecretDraft;
  onChange: (value: SecretDraft) => void;
  error?: string | undefined;
  /** What the secret is, e.g. "key" or "webhook URL", for the hints. */
  noun: string;
  placeholder?: string;
}

/**
 * A secret typed in a password field or read from an environment variable. A stored value is never
 * shown (the API does not send it); leaving the field empty keeps it, "Remove" drops it on save.
 */
export function SecretField({ id, label, value, onChange, error, noun, placeholder }: SecretFieldProps) {
  const sourceName = `${id}-source`;
  return (
    <fieldset className="secret-field">
      <legend className="field-label">{label}</legend>
      <div className="radio-row">
        <label>
          <input
            type="radio"
            name={sourceName}
            checked={value.source === 'value'}
            onChange={() => onChange({ ...value, source: 'value' })}
          />
          Enter it here
        </label>
        <label>
          <input
            type="radio"
            name={sourceName}
            checked={value.source === 'env'}
            onChange={() => onChange({ ...value, source: 'env' })}
          />
          Read from an environment variable
        </label>
      </div>
      {value.source === 'value' ? (
        <Field
          id={id}
          label={label}
          error={error}
          className="field-bare"
          hint={
            value.stored ? (
              <>
                <span>A {noun} is stored — leave empty to keep it.</span>{' '}
                <button
                  type="button"
                  className="button button-small"
                  onClick={() => onChange(removeStored(value))}
                >
                  Remove stored {noun}
                </button>
              </>
            ) : value.removed ? (
              <>
                <span>The stored {noun} will be removed when you save.</span>{' '}
                <button
                  type="button"
                  className="button button-small"
                  onClick={() => onChange({ ...value, stored: true, removed: false, text: '' })}
                >
                  Keep stored {noun}
                </button>
              </>
            ) : (
              `Kept encrypted where the system allows it, and never shown again.`
            )
          }
        >
          {(control) => (
            <input
              {...control}
              type="password"
              autoComplete="off"
              spellCheck={false}
              placeholder={value.stored ? '•••••••• (stored)' : placeholder}
              value={value.text}
              onChange={(e) => onChange({ ...value, text: e.target.value })}
            />
          )}
        </Field>
      ) : (
        <Field
          id={`${id}-env`}
          label="Environment variable name"
          error={error}
          className="field-bare"
          hint={`Solvewatch reads the ${noun} from this variable when it starts; the value never enters the config.`}
        >
          {(control) => (
            <input
              {...control}
              type="text"
              spellCheck={false}
              placeholder="SOLVER_API_KEY"
              value={value.env}
              onChange={(e) => onChange({ ...value, env: e.target.value })}
            />
          )}
        </Field>
      )}
    </fieldset>
  );
}
