/**
 * @module i18n/resources
 * Every locale file, imported as JSON so that the bundle carries them on Workers too.
 * Add a namespace here and in each of locales/{en,es,fr}; test/locales.test.ts checks they match.
 */
import enCommon from '../../locales/en/common.json' with { type: 'json' }
import esCommon from '../../locales/es/common.json' with { type: 'json' }
import frCommon from '../../locales/fr/common.json' with { type: 'json' }
import enIntake from '../../locales/en/intake.json' with { type: 'json' }
import esIntake from '../../locales/es/intake.json' with { type: 'json' }
import frIntake from '../../locales/fr/intake.json' with { type: 'json' }
import enFollowup from '../../locales/en/followup.json' with { type: 'json' }
import esFollowup from '../../locales/es/followup.json' with { type: 'json' }
import frFollowup from '../../locales/fr/followup.json' with { type: 'json' }
import enWeb from '../../locales/en/web.json' with { type: 'json' }
import esWeb from '../../locales/es/web.json' with { type: 'json' }
import frWeb from '../../locales/fr/web.json' with { type: 'json' }
import enSms from '../../locales/en/sms.json' with { type: 'json' }
import esSms from '../../locales/es/sms.json' with { type: 'json' }
import frSms from '../../locales/fr/sms.json' with { type: 'json' }
import enVoice from '../../locales/en/voice.json' with { type: 'json' }
import esVoice from '../../locales/es/voice.json' with { type: 'json' }
import frVoice from '../../locales/fr/voice.json' with { type: 'json' }
import enConsole from '../../locales/en/console.json' with { type: 'json' }
import esConsole from '../../locales/es/console.json' with { type: 'json' }
import frConsole from '../../locales/fr/console.json' with { type: 'json' }

export const resources = {
  en: { common: enCommon, intake: enIntake, followup: enFollowup,
    web: enWeb,
    sms: enSms,
    voice: enVoice,
    console: enConsole,
  },
  es: { common: esCommon, intake: esIntake, followup: esFollowup,
    web: esWeb,
    sms: esSms,
    voice: esVoice,
    console: esConsole,
  },
  fr: { common: frCommon, intake: frIntake, followup: frFollowup,
    web: frWeb,
    sms: frSms,
    voice: frVoice,
    console: frConsole,
  },
}

export const NAMESPACES = Object.keys(resources.en) as (keyof typeof resources.en)[]
