/** @jsxImportSource hono/jsx */
/**
 * @module console/views/templates
 * Reply templates: the list (each language's text) and a form to add one in three languages.
 */
import type { Actor } from '../../cases/scope.js'
import type { Template } from '../../cases/templates.js'
import { LANGS, type Lang, type TFunction } from '../../i18n/index.js'
import { ConsoleLayout, Csrf } from './layout.js'

interface Props {
  lang: Lang
  t: TFunction
  actor: Actor
  templates: Template[]
  error?: string | undefined
  done?: boolean
}

export function TemplatesPage({ lang, t, actor, templates, error, done }: Props) {
  return (
    <ConsoleLayout lang={lang} t={t} title={t('console:daily.templates.title')} actor={actor}>
      <h1>{t('console:daily.templates.title')}</h1>
      <p>{t('console:daily.templates.intro')}</p>
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
      {done ? (
        <p class="notice" role="status">
          {t('console:actions.done')}
        </p>
      ) : null}
      {templates.length === 0 ? <p>{t('console:daily.templates.none')}</p> : null}
      {templates.map((x) => (
        <section class="template">
          <h2>{x.name}</h2>
          <dl>
            {LANGS.map((l) => (
              <>
                <dt>{t(`common:lang.${l}`)}</dt>
                <dd lang={l}>{x.body[l]}</dd>
              </>
            ))}
          </dl>
          {actor.role === 'admin' ? (
            <form method="post" action={`/console/templates/${x.id}/delete`}>
              <Csrf actor={actor} />
              <button type="submit" class="secondary">
                {t('console:daily.templates.delete')}
              </button>
            </form>
          ) : null}
        </section>
      ))}
      <form method="post" action="/console/templates" id="add-template">
        <Csrf actor={actor} />
        <h2>{t('console:daily.templates.add')}</h2>
        <label for="tpl-name">{t('console:daily.templates.fields.name')}</label>
        <input type="text" id="tpl-name" name="name" maxlength={60} required />
        {LANGS.map((l) => (
          <>
            <label for={`tpl-${l}`}>{t(`console:daily.templates.fields.body_${l}`)}</label>
            <textarea id={`tpl-${l}`} name={`body_${l}`} lang={l} maxlength={2000} required></textarea>
          </>
        ))}
        <p>
          <button type="submit">{t('console:daily.templates.save')}</button>
        </p>
      </form>
    </ConsoleLayout>
  )
}
