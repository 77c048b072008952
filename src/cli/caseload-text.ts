/**
 * @module cli/caseload-text
 * Words for the benchmark caseload (`seed bench`): invented employers and places per country,
 * and complaint sentences per language and right, written as redaction leaves them ([NAME-1]…).
 * Every name here is made up.
 */
import type { Lang } from '../i18n/index.js'
import type { Identity } from '../privacy/crypto.js'

export type Right =
  | 'freedom_of_association'
  | 'forced_labor'
  | 'child_labor'
  | 'discrimination'
  | 'wages'
  | 'working_hours'
  | 'safety_health'
  | 'violence'
  | 'migrant_workers'
  | 'enforcement'
  | 'other'

/** Country → weight, languages (weighted), sectors (weighted), employers, places. */
export interface CountryProfile {
  weight: number
  languages: [Lang, number][]
  sectors: [string, number][]
  employers: string[]
  places: string[]
}

export const COUNTRIES: Record<string, CountryProfile> = {
  MX: {
    weight: 40,
    languages: [['es', 97], ['en', 3]],
    sectors: [['auto_parts', 24], ['auto_assembly', 8], ['electronics', 12], ['agriculture', 14], ['packing', 6], ['garment', 8], ['steel_aluminum', 4], ['aerospace', 3], ['industrial_bakery', 3], ['mining', 4], ['call_center', 4], ['manufacturing_other', 6], ['construction', 2], ['domestic_work', 2]],
    employers: ['Autopartes del Bajío', 'Arneses y Conectores del Norte', 'Maquiladora Fronteriza', 'Ensambles Automotrices de Coahuila', 'Componentes Eléctricos Reynosa', 'Agrícola Valle de San Quintín', 'Empacadora Los Altos', 'Textiles La Laguna', 'Aceros del Golfo', 'Panificadora Industrial del Centro', 'Minera Sierra Alta', 'Contacto Total Call Center', 'Piezas Aeroespaciales de Querétaro', 'Invernaderos del Pacífico', 'Forjas y Troqueles Monterrey'],
    places: ['Reynosa, Tamaulipas', 'Silao, Guanajuato', 'Ciudad Juárez, Chihuahua', 'Saltillo, Coahuila', 'San Quintín, Baja California', 'Matamoros, Tamaulipas', 'Querétaro', 'Culiacán, Sinaloa', 'Puebla', 'Monterrey, Nuevo León'],
  },
  US: {
    weight: 12,
    languages: [['en', 50], ['es', 50]],
    sectors: [['agriculture', 35], ['packing', 20], ['construction', 12], ['manufacturing_other', 10], ['services', 10], ['domestic_work', 5], ['auto_parts', 8]],
    employers: ['Green Valley Farms', 'Sunridge Packing Co.', 'Central Valley Harvest LLC', 'Delta Poultry Processing', 'Lakeshore Builders', 'Riverbend Orchards', 'Prairie Meat Packers', 'Coastal Berry Growers'],
    places: ['Salinas, California', 'Yakima, Washington', 'Immokalee, Florida', 'Dalton, Georgia', 'Garden City, Kansas', 'Fresno, California'],
  },
  CA: {
    weight: 5,
    languages: [['en', 70], ['fr', 25], ['es', 5]],
    sectors: [['agriculture', 40], ['packing', 20], ['manufacturing_other', 15], ['auto_parts', 15], ['services', 10]],
    employers: ['Niagara Greenhouses Ltd.', 'Fermes Maraîchères du Québec', 'Leamington Produce', 'Okanagan Orchards', 'Great Lakes Stampings'],
    places: ['Leamington, Ontario', 'Saint-Rémi, Québec', 'Kelowna, British Columbia', 'Windsor, Ontario'],
  },
  GT: {
    weight: 9,
    languages: [['es', 100]],
    sectors: [['garment', 35], ['agriculture', 35], ['packing', 10], ['call_center', 10], ['manufacturing_other', 10]],
    employers: ['Confecciones del Altiplano', 'Finca Las Nubes', 'Textiles Maya', 'Agroexportadora del Sur', 'Maquila San Lucas'],
    places: ['Villa Nueva', 'Escuintla', 'Chimaltenango', 'Mixco', 'Retalhuleu'],
  },
  HN: {
    weight: 8,
    languages: [['es', 100]],
    sectors: [['garment', 45], ['agriculture', 30], ['manufacturing_other', 15], ['call_center', 10]],
    employers: ['Maquiladora del Valle de Sula', 'Bananera Atlántida', 'Textiles Choloma', 'Camaronera del Golfo de Fonseca'],
    places: ['San Pedro Sula', 'Choloma', 'Villanueva, Cortés', 'La Ceiba', 'Choluteca'],
  },
  SV: {
    weight: 6,
    languages: [['es', 100]],
    sectors: [['garment', 50], ['agriculture', 25], ['call_center', 15], ['manufacturing_other', 10]],
    employers: ['Confecciones San Bartolo', 'Ingenio Azucarero Central', 'Textiles El Pedregal', 'Centro de Llamadas Cuscatlán'],
    places: ['San Salvador', 'Santa Ana', 'San Miguel', 'Soyapango'],
  },
  DO: {
    weight: 6,
    languages: [['es', 100]],
    sectors: [['agriculture', 40], ['garment', 30], ['construction', 15], ['services', 15]],
    employers: ['Central Azucarera del Este', 'Zona Franca Textil Santiago', 'Bananos del Noroeste', 'Constructora Caribe'],
    places: ['La Romana', 'Santiago de los Caballeros', 'San Pedro de Macorís', 'Mao, Valverde'],
  },
  NI: {
    weight: 3,
    languages: [['es', 100]],
    sectors: [['garment', 55], ['agriculture', 35], ['mining', 10]],
    employers: ['Textiles Las Mercedes', 'Arneses de Tipitapa', 'Cafetalera de Matagalpa'],
    places: ['Managua', 'Tipitapa', 'Matagalpa', 'Chinandega'],
  },
  CR: {
    weight: 3,
    languages: [['es', 100]],
    sectors: [['agriculture', 50], ['electronics', 20], ['call_center', 15], ['services', 15]],
    employers: ['Piñera del Caribe', 'Dispositivos Médicos de Heredia', 'Bananera de Sarapiquí'],
    places: ['Limón', 'Heredia', 'Sarapiquí', 'Alajuela'],
  },
  CI: {
    weight: 8,
    languages: [['fr', 100]],
    sectors: [['cocoa', 70], ['agriculture', 20], ['mining', 10]],
    employers: ['Coopérative Agricole du Sud', 'Société Cacaoyère de Soubré', 'Coopérative des Planteurs de Daloa', 'Hévéa du Bas-Sassandra'],
    places: ['Soubré', 'Daloa', 'San-Pédro', 'Divo', 'Méagui'],
  },
}

/** How often each right is reported (a case has one to three). */
export const RIGHT_WEIGHTS: [Right, number][] = [
  ['wages', 30],
  ['working_hours', 18],
  ['safety_health', 15],
  ['freedom_of_association', 12],
  ['discrimination', 6],
  ['violence', 6],
  ['migrant_workers', 4],
  ['forced_labor', 3],
  ['enforcement', 3],
  ['child_labor', 2],
  ['other', 3],
]

type Sentences = Record<Right, string[]>

/** One or two sentences per right, as a worker writes them once redaction has run. */
export const SENTENCES: Partial<Record<Lang, Sentences>> = {
  es: {
    wages: ['Nos pagan menos del salario mínimo y nos descuentan el uniforme.', 'Llevamos tres semanas sin recibir el pago completo.', 'No nos pagan las horas extra ni el reparto de utilidades.'],
    working_hours: ['Trabajamos turnos de 12 horas, seis días, sin descanso.', 'El supervisor [NAME-1] no deja salir hasta terminar la meta aunque sean las 10 de la noche.'],
    safety_health: ['No hay guantes ni lentes y ya se cortaron dos compañeros con la prensa.', 'Fumigan mientras estamos en el surco y nos dan mareos.', 'No hay agua para tomar y hace mucho calor en la nave.'],
    freedom_of_association: ['Despidieron a los que firmaron por el sindicato independiente.', 'El sindicato de la empresa firmó un contrato que nunca votamos.', 'Nos amenazaron con cerrar la planta si votamos en la consulta.'],
    discrimination: ['Piden prueba de embarazo para entrar y despiden a las que se embarazan.', 'A los compañeros indígenas les pagan menos por el mismo trabajo.'],
    violence: ['El jefe de línea [NAME-1] nos grita y nos insulta todos los días.', 'Una compañera fue acosada por un supervisor y la cambiaron de turno a ella.'],
    migrant_workers: ['El reclutador cobró una cuota por la visa y nos quitó los papeles.', 'Nos tienen en un cuarto con veinte personas y nos cobran la renta.'],
    forced_labor: ['No nos dejan irnos hasta pagar una deuda que no para de crecer.', 'Guardan nuestras identificaciones en la oficina y no las devuelven.'],
    enforcement: ['Fuimos a la inspección del trabajo y nunca vinieron a la planta.', 'El juicio en el tribunal laboral lleva dos años sin audiencia.'],
    child_labor: ['Hay niños de 13 años trabajando en el empaque en la noche.', 'Los hijos de los jornaleros cortan en el campo en vez de ir a la escuela.'],
    other: ['Quiero saber qué derechos tengo si me cambian de contrato.', 'Nadie nos explica cómo se calcula el aguinaldo.'],
  },
  en: {
    wages: ['We are paid less than minimum wage and they take money for the uniform.', 'Our overtime is never paid and the pay stubs are wrong.', 'They held back two weeks of pay when I quit.'],
    working_hours: ['We work 12-hour shifts, six days a week, without breaks.', 'The supervisor [NAME-1] keeps us until the quota is done, sometimes until midnight.'],
    safety_health: ['There is no water or shade in the field and people faint from the heat.', 'The machine guards were removed and two workers lost fingers.', 'They spray pesticide while we are still picking.'],
    freedom_of_association: ['Workers who talked about a union were fired the next week.', 'Managers told us the plant will close if we vote for the union.'],
    discrimination: ['Women are paid less than men for the same job.', 'They only give the good shifts to people from their town.'],
    violence: ['The crew leader [NAME-1] yells at us and threatens to call immigration.', 'A coworker was harassed by a foreman and nothing was done.'],
    migrant_workers: ['The recruiter charged us $1,500 for the visa and we still owe it.', 'Our passports are kept by the company and housing is overcrowded.'],
    forced_labor: ['We cannot leave until we pay back a debt that keeps growing.', 'They keep our IDs and say we will be deported if we complain.'],
    enforcement: ['We filed a complaint with the labor department a year ago and nobody came.', 'The inspector only spoke with the managers.'],
    child_labor: ['Kids who look 14 work at the packing line on weekends.', 'Children pick in the fields with their parents during school time.'],
    other: ['I want to know what my rights are when my contract ends.', 'Nobody explains how the bonus is calculated.'],
  },
  fr: {
    wages: ["On est payés moins que le salaire minimum et on nous retient de l'argent.", "Le patron ne paie pas les heures en plus.", "Ça fait deux mois qu'on attend notre paie."],
    working_hours: ['On travaille du lever au coucher du soleil, sept jours sur sept.', "Le chef [NAME-1] nous garde jusqu'à la nuit pendant la récolte."],
    safety_health: ["On pulvérise les produits sans masque ni gants.", "Il n'y a pas d'eau propre au campement et des gens tombent malades."],
    freedom_of_association: ["Ceux qui ont parlé du syndicat ont été renvoyés.", "On nous a interdit de nous réunir pour parler des prix."],
    discrimination: ['Les femmes sont moins payées pour le même travail.', 'Les travailleurs venus du Burkina sont moins bien traités.'],
    violence: ["Le gérant [NAME-1] nous frappe quand le travail n'avance pas.", 'Une jeune fille a été harcelée par le chef du campement.'],
    migrant_workers: ["L'intermédiaire a pris nos papiers et nous doit encore de l'argent.", 'Les travailleurs venus de loin dorment à dix dans une case.'],
    forced_labor: ["On ne peut pas partir tant qu'on n'a pas remboursé une dette.", 'Le planteur garde nos cartes et ne nous laisse pas rentrer.'],
    enforcement: ["On a prévenu l'inspection du travail mais personne n'est venu.", "La plainte au tribunal n'a jamais avancé."],
    child_labor: ["Des enfants de 12 ans travaillent au champ de cacao avec des machettes.", "Les enfants portent les sacs de fèves au lieu d'aller à l'école."],
    other: ['Je veux savoir quels sont mes droits si le contrat change.', 'Personne ne nous explique comment le prix du cacao est fixé.'],
  },
}

/** Openings and endings a worker adds around the complaint. */
export const FRAME: Partial<Record<Lang, { open: string[]; close: string[] }>> = {
  es: {
    open: ['Trabajo en esta empresa desde hace dos años.', 'Somos varios compañeros del turno de noche.', 'Buenas, quiero reportar lo que pasa en mi trabajo.', ''],
    close: ['Tenemos miedo de que nos despidan si se enteran.', 'Por favor no digan quién reportó.', 'Mi número es [PHONE-1] por si necesitan más datos.', ''],
  },
  en: {
    open: ['I have worked here for two years.', 'Several of us on the night shift agree on this.', 'Hello, I want to report what happens at my job.', ''],
    close: ['We are afraid we will be fired if they find out.', 'Please do not say who reported this.', 'You can text me at [PHONE-1] if you need more.', ''],
  },
  fr: {
    open: ['Je travaille ici depuis deux ans.', 'Nous sommes plusieurs dans le campement.', 'Bonjour, je veux signaler ce qui se passe au travail.', ''],
    close: ['On a peur de perdre le travail si le patron apprend ça.', 'Ne dites pas qui a parlé.', 'Mon numéro est [PHONE-1] si vous avez des questions.', ''],
  },
}

/** Questions monitors ask, and answers reporters give (redacted). */
export const THREAD: Partial<Record<Lang, { ask: string[]; answer: string[] }>> = {
  es: {
    ask: ['¿En qué turno pasa esto?', '¿Cuántos compañeros están en la misma situación?', '¿Tienen recibos de pago que lo muestren?'],
    answer: ['En el turno de noche, somos como 40.', 'Sí, tengo fotos de los recibos.', 'Ya despidieron a otros dos esta semana.'],
  },
  en: {
    ask: ['Which shift does this happen on?', 'How many workers are affected?', 'Do you have pay stubs that show it?'],
    answer: ['The night shift, about 40 of us.', 'Yes, I kept the pay stubs.', 'Two more people were let go this week.'],
  },
  fr: {
    ask: ['Depuis quand cela dure-t-il ?', 'Combien de personnes sont concernées ?', 'Avez-vous des papiers qui le montrent ?'],
    answer: ['Depuis la dernière récolte, on est une trentaine.', "Oui, j'ai gardé les reçus.", "Deux autres sont partis cette semaine."],
  },
}

/** Fake identities, sealed to the custodian into a small pool of real sealed blobs. */
export const FAKE_IDENTITIES: Identity[] = [
  { name: 'Rosa Hernández', phone: '+52 868 555 0101' },
  { name: 'Juan Pérez', phone: '+502 5555 0102' },
  { phone: '+1 559 555 0103' },
  { name: 'Aya Kouassi', phone: '+225 07 55 55 01 04' },
  { email: 'obrera.anonima@example.org' },
  { phone: '+504 9555 0105', meta: { FromCity: 'SAN PEDRO SULA' } },
  { name: 'Marie Tremblay', email: 'm.tremblay@example.org' },
  { phone: '+1 209 555 0106', meta: { FromState: 'CA' } },
]

/**
 * The synthetic texts of a language the country mix uses (a language without them is simply not
 * in `COUNTRIES`'s mix; giving it one needs its texts here too).
 */
export function textsOf(lang: Lang) {
  const sentences = SENTENCES[lang], frame = FRAME[lang], thread = THREAD[lang]
  if (!sentences || !frame || !thread) throw new Error(`caseload: no synthetic texts for language ${lang}`)
  return { sentences, frame, thread }
}

/** The languages of the country mix, each with its texts. */
export const CASELOAD_LANGS: Lang[] = [...new Set(Object.values(COUNTRIES).flatMap((c) => c.languages.map(([l]) => l)))]
