/** @jsxImportSource hono/jsx */
/**
 * @module channels/web/fields
 * Small accessible form pieces: every control has a label; a hint and an error sit next to it
 * and are linked with `aria-describedby`; an invalid control carries `aria-invalid`. Browsers
 * are told not to remember what is typed (`autocomplete="off"`): a shared phone keeps nothing.
 */
import type { Child } from 'hono/jsx'

/** Field id → translated error message. */
export type Errors = Partial<Record<string, string>>

const describedBy = (id: string, hint?: string, error?: string) =>
  [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined

function Notes({ id, hint, error }: { id: string; hint?: string; error?: string }) {
  return (
    <>
      {hint ? (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p class="error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </>
  )
}

/** Props shared by the one-control fields. */
export interface FieldProps {
  id: string
  label: string
  hint?: string
  error?: string
  value?: string
  /** Text shown after the label, e.g. "(required)". */
  mark?: string
  required?: boolean
  type?: 'text' | 'email' | 'tel' | 'date'
  inputmode?: 'numeric' | 'tel' | 'email' | 'text'
  maxlength?: number
}

/** A labelled one-line text input. */
export function TextField(p: FieldProps) {
  return (
    <div class="field">
      <FieldHead {...p} />
      <input
        type={p.type ?? 'text'}
        id={p.id}
        name={p.id}
        value={p.value ?? ''}
        required={p.required}
        inputmode={p.inputmode}
        maxlength={p.maxlength}
        autocomplete="off"
        aria-describedby={describedBy(p.id, p.hint, p.error)}
        aria-invalid={p.error ? 'true' : undefined}
      />
    </div>
  )
}

/** A control's label (with its "required/optional" mark), hint and error. */
function FieldHead(p: FieldProps) {
  return (
    <>
      <label for={p.id}>
        {p.label}
        {p.mark ? <span class="mark"> ({p.mark})</span> : null}
      </label>
      <Notes id={p.id} hint={p.hint} error={p.error} />
    </>
  )
}

/** A labelled textarea. */
export function TextArea(p: FieldProps & { rows?: number }) {
  return (
    <div class="field">
      <FieldHead {...p} />
      <textarea
        id={p.id}
        name={p.id}
        rows={p.rows ?? 8}
        required={p.required}
        maxlength={p.maxlength}
        autocomplete="off"
        aria-describedby={describedBy(p.id, p.hint, p.error)}
        aria-invalid={p.error ? 'true' : undefined}
      >
        {p.value ?? ''}
      </textarea>
    </div>
  )
}

/** A labelled select; `options` are [value, text] pairs after an empty "choose" option. */
export function SelectField(p: FieldProps & { choose: string; options: [string, string][] }) {
  return (
    <div class="field">
      <FieldHead {...p} />
      <select
        id={p.id}
        name={p.id}
        required={p.required}
        autocomplete="off"
        aria-describedby={describedBy(p.id, p.hint, p.error)}
        aria-invalid={p.error ? 'true' : undefined}
      >
        <option value="">{p.choose}</option>
        {p.options.map(([v, text]) => (
          <option value={v} selected={v === p.value}>
            {text}
          </option>
        ))}
      </select>
    </div>
  )
}

/** A group of radio buttons or checkboxes under a legend; the error sits inside the group. */
export function ChoiceGroup(p: {
  id: string
  legend: string
  error?: string
  type: 'radio' | 'checkbox'
  options: [string, string][]
  checked: readonly string[]
}) {
  return (
    <fieldset id={p.id} aria-describedby={p.error ? `${p.id}-error` : undefined}>
      <legend>{p.legend}</legend>
      <Notes id={p.id} error={p.error} />
      {p.options.map(([v, text]) => {
        const id = `${p.id}-${v || 'unknown'}`
        return (
          <div class="check">
            <input type={p.type} id={id} name={p.id} value={v} checked={p.checked.includes(v)} />
            <label for={id}>{text}</label>
          </div>
        )
      })}
    </fieldset>
  )
}

/** One labelled checkbox (value `yes`), its error just above it. */
export function CheckField(p: { id: string; label: string; error?: string; checked: boolean }) {
  return (
    <div class="field">
      <Notes id={p.id} error={p.error} />
      <div class="check">
        <input
          type="checkbox"
          id={p.id}
          name={p.id}
          value="yes"
          checked={p.checked}
          aria-describedby={describedBy(p.id, undefined, p.error)}
          aria-invalid={p.error ? 'true' : undefined}
        />
        <label for={p.id}>{p.label}</label>
      </div>
    </div>
  )
}

/** The list of problems at the top of a form, each linking to its field. */
export function ErrorSummary(p: {
  title: string
  items: { id: string; label: string; message: string }[]
}) {
  if (p.items.length === 0) return null
  return (
    <section class="errors" aria-labelledby="errors-title">
      <h2 id="errors-title">{p.title}</h2>
      <ul>
        {p.items.map((i) => (
          <li>
            <a href={`#${i.id}`}>
              {i.label}: {i.message}
            </a>
          </li>
        ))}
      </ul>
    </section>
  )
}

/** A notice box (polite status for screen readers). */
export function Notice({ children }: { children?: Child }) {
  return (
    <p class="notice" role="status">
      {children}
    </p>
  )
}
