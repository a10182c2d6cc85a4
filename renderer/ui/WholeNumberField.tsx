import { useId, useState } from 'react';
import { readWholeNumber, type WholeNumberReading } from './whole-number';
import './number-field.css';

/** A whole-number field's text as typed and how it reads; `reading.ok` says whether it may be used. */
export interface WholeNumberField {
  text: string;
  reading: WholeNumberReading;
  setText(text: string): void;
}

/**
 * The state of a whole-number field within `min`…`max`: kept as typed, so it can be cleared and
 * retyped, and read on every change, so what is wrong shows at once.
 * @example const epochs = useWholeNumberField(15, { min: 1, max: 200 }); // epochs.reading.ok && epochs.reading.value
 */
export function useWholeNumberField(initial: number, bounds: { min: number; max?: number }): WholeNumberField {
  const [text, setText] = useState(String(initial));
  return { text, reading: readWholeNumber(text, bounds), setText };
}

/**
 * A labelled whole-number input that says what is wrong with its text beside it. Once left, a
 * number typed with leading zeros is shown as it reads ("03" becomes "3").
 */
export function WholeNumberInput({ label, field, disabled }: { label: string; field: WholeNumberField; disabled?: boolean }) {
  const messageId = useId();
  const { reading } = field;
  // The message sits outside the label, so the field's name stays its label alone.
  return (
    <span className="number-field">
      <label>
        {label}
        <input
          type="text"
          inputMode="numeric"
          value={field.text}
          disabled={disabled}
          aria-invalid={!reading.ok}
          aria-describedby={reading.ok ? undefined : messageId}
          onChange={(e) => field.setText(e.target.value)}
          onBlur={() => reading.ok && field.setText(String(reading.value))}
        />
      </label>
      {!reading.ok && (
        <span id={messageId} className="field-error" role="alert">
          {reading.message}
        </span>
      )}
    </span>
  );
}
