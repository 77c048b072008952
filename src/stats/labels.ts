/**
 * @module stats/labels
 * A dimension's value as a reader sees it, in their language: catalog names for rights,
 * agreements, countries, sectors and commitments; console words for statuses, outcomes and
 * channels; the statistics' own words for time buckets and clocks.
 */
import { getCatalog } from '../catalog/index.js'
import type { Lang, TFunction } from '../i18n/index.js'

export function labelOf(dim: string, value: string, lang: Lang, t: TFunction): string {
  const cat = getCatalog()
  if (value === 'none' && dim !== 'ack' && dim !== 'question' && dim !== 'ilc_clock' && dim !== 'forum_clock') return t('web:transparency.none')
  switch (dim) {
    case 'right':
      return cat.rights[value as keyof typeof cat.rights]?.title[lang] ?? value
    case 'agreement':
      return cat.agreements[value]?.short[lang] ?? value
    case 'country':
      return cat.countries[value]?.name[lang] ?? value
    case 'sector':
      return cat.sectors[value]?.title[lang] ?? value
    case 'commitment':
      return cat.byCode.get(value)?.article[lang] ?? value
    case 'status':
      return t(`console:status.${value}`, { defaultValue: value })
    case 'outcome':
      return t(`console:outcome.${value}`, { defaultValue: value })
    case 'channel':
      return t(`console:channel.${value}`, { defaultValue: t(`console:stats.values.${value}`, { defaultValue: value }) })
    case 'ack':
    case 'question':
    case 'resolution':
    case 'ilc_clock':
    case 'forum_clock':
      return t(`console:stats.values.${value === 'none' ? 'notTrack' : value}`, { defaultValue: value })
    case 'ack_clock':
      return t(`console:stats.values.${value}`, { defaultValue: value })
    default:
      return value
  }
}
