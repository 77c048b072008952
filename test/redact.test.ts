/**
 * @module test/redact
 * Pins redaction behaviour: each identifier format, the tricky cases (a phone number split
 * across a line, an ID in lower case, names with apostrophes or accents, a capitalised word
 * that is not a name), consistent numbering, and the facts that must stay.
 * The annotated corpus is measured by `npm run eval:redaction`, not asserted here.
 */
import { describe, expect, it } from 'vitest'
import { redact } from '../src/privacy/redact.js'

const r = (text: string, lang: 'en' | 'es' | 'fr' = 'es'): string => redact(text, lang).text

describe('structured identifiers', () => {
  it.each([
    ['CURP', 'Mi CURP es GOPJ850312HGTRRS09, gracias', 'Mi CURP es [ID-1], gracias'],
    ['CURP in lower case', 'mi curp gopj850312hgtrrs09', 'mi curp [ID-1]'],
    ['RFC with homoclave', 'mi RFC PEGJ880101AB3 sale', 'mi RFC [ID-1] sale'],
    ['RFC with dashes', 'RFC: GOMJ-850101-AB1.', 'RFC: [ID-1].'],
    ['NSS with context', 'Mi NSS 43187522091 no aparece', 'Mi NSS [ID-1] no aparece'],
    ['NSS spaced', 'mi nss es 12 34 56 7890 1', 'mi nss es [ID-1]'],
    ['INE voter key', 'clave de elector PRGMJS85031211H400', 'clave de elector [ID-1]'],
    ['Canadian SIN', 'My SIN is 046-454-286.', 'My SIN is [ID-1].'],
    ['Canadian SIN (French, spaced)', 'Mon NAS est 046 454 286 si', 'Mon NAS est [ID-1] si'],
    ['US SSN', 'my SSN 123-45-6789 was used', 'my SSN [ID-1] was used'],
    ['Ivorian card number', "ma carte d'identité CI004578219", "ma carte d'identité [ID-1]"],
    ['employee number', 'mi número de empleado 45821.', 'mi número de empleado [ID-1].'],
    ['payroll number', 'número de nómina es 009823', 'número de nómina es [ID-1]'],
    ['matricule', 'Mon matricule 00451. On nous retire', 'Mon matricule [ID-1]. On nous retire'],
    ['badge', 'mine is badge #8812 at the gate', 'mine is badge #[ID-1] at the gate'],
    ['employee ID', 'Employee ID 77120. I was fired', 'Employee ID [ID-1]. I was fired'],
    ['payroll number, past tense', 'mi numero de nomina era 00482-7', 'mi numero de nomina era [ID-1]'],
    ['matricule with a prefix', "Mon matricule c'était CA-20417.", "Mon matricule c'était [ID-1]."],
    ['court file', 'no hay laudo, expediente 1184/17', 'no hay laudo, expediente [ID-1]'],
    ['employé no', 'Je suis caissier, employé no 48813, payé', 'Je suis caissier, employé no [ID-1], payé'],
    ['badge with letters', "you're out. I'm badge #BRM-20931.", "you're out. I'm badge #[ID-1]."],
    ['letters, a space, digits', 'mi número de empleado es cc 88213', 'mi número de empleado es [ID-1]'],
    ['agent number', 'soy la agente 20457', 'soy la agente [ID-1]'],
    ['passport no. is', 'I will be arrested. My passport no. is P4421876B.', 'I will be arrested. My passport no. is [ID-1].'],
    ['worker number after the job', 'soy la operaria 20417 de la linea', 'soy la operaria [ID-1] de la linea'],
    ['social security, Ghana', 'my SSNIT number is C018011250012. many', 'my SSNIT number is [ID-1]. many'],
  ])('%s', (_, text, expected) => {
    expect(r(text)).toBe(expected)
  })

  it.each([
    ['+52 with the legacy mobile 1', 'WhatsApp +52 1 656 123 4567, después de las 6pm'],
    ['+52 with brackets', 'cel +52 (477) 123 4567.'],
    ['Mexico, 10 digits spaced', 'mi cel es 472 118 4590.'],
    ['Mexico, dashed', 'Mi tel 444-812-3390.'],
    ['+225, ten digits dotted', 'Appelez-moi au +225 05.44.12.78.90 svp'],
    ['Côte d’Ivoire, pairs', 'Mon numéro: 07 58 12 34 90'],
    ['Côte d’Ivoire, contiguous', 'Contact 0707123456'],
    ['US (555) style', 'Call me at (919) 555-0143.'],
    ['US dotted', 'text 928.555.0177'],
    ['US with country code', 'Phone 1-313-555-0110'],
    ['other international', 'My WhatsApp is +502 5512 3344.'],
  ])('phone: %s', (_, text) => {
    const out = redact(text, 'es')
    expect(out.text).toContain('[PHONE-1]')
    expect(out.text).not.toMatch(/\d{4}/)
    expect(out.findings.map((f) => f.kind)).toEqual(['phone'])
  })

  it('catches a phone number split across a line', () => {
    expect(r('mi numero es 81 1234\n5678')).toBe('mi numero es [PHONE-1]')
  })

  it('e-mail, URL and handles', () => {
    expect(r('escriban a migrante.unido84@gmail.com')).toBe('escriban a [EMAIL-1]')
    expect(r('fotos en facebook.com/trabajadores.libres.')).toBe('fotos en [URL-1].')
    expect(r('video: https://youtu.be/aB3dE5fG7h1 lo subió')).toBe('video: [URL-1] lo subió')
    expect(r('follow @packingshed_truth on instagram', 'en')).toBe('follow [HANDLE-1] on instagram')
    expect(r('DM me on insta: farmworker_voice', 'en')).toBe('DM me on insta: [HANDLE-1]')
    expect(r('mi correo es jorge punto alvarado82 arroba gmail punto com gracias')).toBe(
      'mi correo es [EMAIL-1] gracias',
    )
  })

  it('takes a name written next to its own e-mail, whatever its case', () => {
    expect(r('depuis 5 mois. denis ouellet, denis.ouellet64@videotron.ca', 'fr')).toBe(
      'depuis 5 mois. [NAME-1], [EMAIL-1]',
    )
    expect(r('in a restaurant. Joy joy.dmaligaya@yahoo.com', 'en')).toBe('in a restaurant. [NAME-1] [EMAIL-1]')
    expect(r('écrivez à migrante.unido84@gmail.com pour les migrants', 'fr')).toBe(
      'écrivez à [EMAIL-1] pour les migrants',
    )
  })

  it('takes a signature: a name opening a sentence right before a phone or an address', () => {
    expect(r('depuis 3 semaines. Fatima Zahra 0662-18-45-93', 'fr')).toBe('depuis 3 semaines. [NAME-1] [PHONE-1]')
    expect(r('back Monday. Lisa Chiasson, 22 Harbour Rd, Shippagan NB', 'en')).toBe(
      'back Monday. [NAME-1], [ADDRESS-1]',
    )
    expect(r('Merci. Contact: 07 07 12 34 56', 'fr')).toBe('Merci. Contact: [PHONE-1]')
    expect(r('WhatsApp 55 1234 5678')).toBe('WhatsApp [PHONE-1]')
  })

  it('takes a phone number read out digit by digit', () => {
    expect(r('my number is four zero seven five five five zero one nine two', 'en')).toBe('my number is [PHONE-1]')
    expect(r('my number is four three eight seven six four three nine', 'en')).toBe('my number is [PHONE-1]')
    expect(r('somos dos o tres, uno dos tres')).toBe('somos dos o tres, uno dos tres')
    expect(r("mon numéro c'est zéro sept zéro huit douze trente-quatre cinquante-six", 'fr')).toBe(
      "mon numéro c'est [PHONE-1]",
    )
  })

  it('takes an Abidjan address written as villa and cité', () => {
    expect(r("La dame c'est Mme Kacou, villa 47 cité SICOGI.", 'fr')).toBe("La dame c'est [NAME-1], [ADDRESS-1].")
  })

  it('takes a street address without an introducing phrase, keeping a workplace town', () => {
    expect(r('trabajo en Av. Juárez #45, Tijuana y nos pagan poco')).toBe(
      'trabajo en [ADDRESS-1], Tijuana y nos pagan poco',
    )
  })

  it('takes a bare five- or six-digit code, not an amount or a count', () => {
    expect(r('soy la 20457 de costura')).toBe('soy la [ID-1] de costura')
    for (const text of ['me debe 45678', 'nos pagan 150000 al año', 'somos 12345 trabajadores', 'codigo postal 37000']) {
      expect(r(text)).toBe(text)
    }
  })

  it('keeps counts of workers and small numbers after a job word', () => {
    const text = 'somos 300 trabajadores y el trabajador 12 se cayó'
    expect(r(text)).toBe(text)
  })

  it('keeps an employer website without a path', () => {
    expect(r('see ford.com for the plant list', 'en')).toBe('see ford.com for the plant list')
  })
})

describe('names', () => {
  it.each([
    ['es', 'me llamo José Ángel Pérez y trabajo', 'me llamo [NAME-1] y trabajo'],
    ['fr', "je m'appelle Aïcha N'Guessan. Dans la", "je m'appelle [NAME-1]. Dans la"],
    ['en', "My name is Mary O'Neil and I work", 'My name is [NAME-1] and I work'],
    ['es', 'La supervisora Martha nos grita', 'La supervisora [NAME-1] nos grita'],
    ['fr', 'le contremaître Konan nous frappe', 'le contremaître [NAME-1] nous frappe'],
    ['en', 'My supervisor, Mike Dawson, made me sign', 'My supervisor, [NAME-1], made me sign'],
    ['es', 'El Lic. Arturo Beltrán, abogado', 'El [NAME-1], abogado'],
    ['fr', 'Le gérant M. Diabaté dit non', 'Le gérant [NAME-1] dit non'],
    ['en', "Hello, it's Josefina speaking", "Hello, it's [NAME-1] speaking"],
    ['fr', "je m'appelle jean-baptiste kouassi, je", "je m'appelle [NAME-1], je"],
    ['es', 'ME LLAMO PEDRO RAMIREZ Y ME CORRIERON', 'ME LLAMO [NAME-1] Y ME CORRIERON'],
    ['es', 'un señor que le dicen el Güero les paga', 'un señor que le dicen el [NAME-1] les paga'],
    ['fr', "un monsieur qu'on appelle Vieux Moussa", "un monsieur qu'on appelle [NAME-1]"],
    ['en', 'the crew boss, they call him Big Mike, yells', 'the crew boss, they call him [NAME-1], yells'],
    ['en', "A supervisor, Carlos 'el Toro' Mendoza, corners us", 'A supervisor, [NAME-1], corners us'],
    ['fr', "l'hôtel à Assinie Monsieur Diabaté touche", "l'hôtel à Assinie [NAME-1] touche"],
    ['fr', 'on me paie en retard. Jean-François Tremblay, 418', 'on me paie en retard. [NAME-1], 418'],
    ['fr', 'Le magasinier Yapi nous touche', 'Le magasinier [NAME-1] nous touche'],
    ['es', 'buenas me llamo guadalupe sanchez olvera me dicen lupita', 'buenas me llamo [NAME-1] me dicen [NAME-2]'],
    ['fr', "euh je m'appelle fatima zahra el idrissi j'ai travaillé", "euh je m'appelle [NAME-1] j'ai travaillé"],
    ['en', 'hello this is dana whitfield i work nights', 'hello this is [NAME-1] i work nights'],
    ['es', 'el gerente el licenciado ramiro osuna nos grita', 'el gerente el [NAME-1] nos grita'],
    ['es', 'Buenas, soy Mynor Tzoc de Quetzaltenango. Un', 'Buenas, soy [NAME-1] de Quetzaltenango. Un'],
    ['es', 'me llamo José de Jesús Pérez y', 'me llamo [NAME-1] y'],
    ['fr', 'slt c est Jules, a l abattoir', 'slt c est [NAME-1], a l abattoir'],
    ['es', 'No los dejan salir. Su nombre es Abelardo Cruz Ramírez', 'No los dejan salir. Su nombre es [NAME-1]'],
    ['fr', 'Madame, ma sœur Mariama travaille', 'Madame, ma sœur [NAME-1] travaille'],
    ['fr', "le contremaître on l'appelle ti-paul il crie", "le contremaître on l'appelle [NAME-1] il crie"],
    ['es', 'Me llamo Julio César Pérez Ramos, vivo', 'Me llamo [NAME-1], vivo'],
    ['en', 'i was never late. Name is Tasha Robinson, call', 'i was never late. Name is [NAME-1], call'],
    ['en', 'His guy Flaco drives us to the field', 'His guy [NAME-1] drives us to the field'],
    ['en', 'rest day. my name is kevin alvarado my number', 'rest day. my name is [NAME-1] my number'],
    ['fr', "Le responsable c'est Zié Coulibaly.", "Le responsable c'est [NAME-1]."],
    ['en', 'The foreman at the orchard in Wenatchee, Rigo, keeps', 'The foreman at the orchard in Wenatchee, [NAME-1], keeps'],
    ['fr', 'à Antsirabe. Signé Voahangy R., tél', 'à Antsirabe. Signé [NAME-1]., tél'],
    ['en', '4 years no issues. - T. Jackson', '4 years no issues. - [NAME-1]'],
    ['en', 'This is Pastor Ben Whitfield in south Georgia.', 'This is [NAME-1] in south Georgia.'],
    ['en', 'the foreman a guy they call el flaco grabbed her', 'the foreman a guy they call el [NAME-1] grabbed her'],
    ['en', 'My SIN 947-382-115, name Rajdeep Singh', 'My SIN [ID-1], name [NAME-1]'],
    ['en', 'yes hello this is uh kwame asante i am calling', 'yes hello this is uh [NAME-1] i am calling'],
    ['es', 'y al compañero gerson lopez que es el secretario', 'y al compañero [NAME-1] que es el secretario'],
    ['es', 'mi hermano Efraín Salas Guerrero quedó herido', 'mi hermano [NAME-1] quedó herido'],
    ['es', 'en marzo. yo soy Julio Cesar Nava, num de', 'en marzo. yo soy [NAME-1], num de'],
    ['fr', 'le campement de monsieur yao n’guessan à côté', 'le campement de [NAME-1] à côté'],
    ['en', 'manager said we know. call me 205-719-3382 - Dre', 'manager said we know. call me [PHONE-1] - [NAME-1]'],
    ['en', 'at the packing house everybody calls him chuy he grabs', 'at the packing house everybody calls him [NAME-1] he grabs'],
  ] as const)('%s: %s', (lang, text, expected) => {
    expect(r(text, lang)).toBe(expected)
  })

  it('numbers one person consistently', () => {
    expect(r('La supervisora Martha López dijo que no. Martha anota y López firma.')).toBe(
      'La supervisora [NAME-1] dijo que no. [NAME-1] anota y [NAME-1] firma.',
    )
    expect(r('Il s’appelle Didier Brou. Je m’appelle Mariam.', 'fr')).toBe(
      'Il s’appelle [NAME-1]. Je m’appelle [NAME-2].',
    )
  })

  it('does not take a sentence-initial capital for a name', () => {
    const text = 'Mañana es la votación. Nadie sabe nada. Trabajo en la planta de Celaya.'
    expect(r(text)).toBe(text)
    expect(r('me llamo Juan. Trabajo en Silao')).toBe('me llamo [NAME-1]. Trabajo en Silao')
    const en = 'Nobody does anything. Will they pay us?'
    expect(r(en, 'en')).toBe(en)
  })

  it('does not take nationalities, jobs or towns for names', () => {
    for (const [text, lang] of [
      ['Je suis Ivoirienne et je travaille au Québec', 'fr'],
      ["I'm Guatemalan and I work at a dairy in Idaho", 'en'],
      ['Soy operadora de línea en Lear Corporation Juárez', 'es'],
      ['soy de Michoacán y trabajo en el corte', 'es'],
      ['I am 17 and work nights', 'en'],
      ['la mina San Martín y la planta de San Luis Potosí', 'es'],
      ['Servicios Industriales González, Nuevo León', 'es'],
      ['a lumber yard in Prince George BC and Santa Maria, CA', 'en'],
      ['a steel mill, Hamilton Ontario', 'en'],
      ['le dicen que se vaya', 'es'],
      ['Soy guardia de seguridad de la empresa Vigilancia Halcón en Tijuana', 'es'],
      ['Estamos en La Lima, Cortés. Nadie nos ayuda', 'es'],
      ['the company name is Foster Farms and', 'en'],
      ['nos pagan en julio', 'es'],
      ['my supervisor at the plant in Dalton, Georgia, said no', 'en'],
      ['No day off at the pork plant in Brandon, they call it', 'en'],
      ['on a acheté un lot de 45 sacs', 'fr'],
      ['the company name Foster Farms pays late', 'en'],
      ['Los de la contratista Servicios Mineros del Real no cobramos', 'es'],
      ['mon ancien patron du resto Chez Gervais me doit', 'fr'],
      ['they call it production demand', 'en'],
      ["il n'a pas payé, il n'est pas venu", 'fr'],
      ['hi um my sister works at the plant uh it is bad', 'en'],
    ] as const) {
      expect(r(text, lang)).toBe(text)
    }
  })

  it('keeps the role and redacts the name with its courtesy title', () => {
    expect(r('Le pisteur M. Ouattara achète', 'fr')).toBe('Le pisteur [NAME-1] achète')
  })
})

describe('home addresses', () => {
  it('redacts the whole address, its town and postcode included', () => {
    expect(r('Vivo en calle Hidalgo 23, colonia Centro, en San Luis Potosí.')).toBe(
      'Vivo en [ADDRESS-1].',
    )
    expect(r("J'habite à Yopougon, rue 12, lot 45, et ils sont venus", 'fr')).toBe(
      "J'habite à [ADDRESS-1], et ils sont venus",
    )
    expect(r("J'habite à San-Pédro quartier Bardot, derrière la mosquée.", 'fr')).toBe(
      "J'habite à [ADDRESS-1].",
    )
    expect(r('I live at 4410 Cedar Ridge Rd, Apt 3B, Dodge City, and', 'en')).toBe(
      'I live at [ADDRESS-1], and',
    )
    expect(r('No paystub. I live at 3418 Avenue 280, Visalia', 'en')).toBe('No paystub. I live at [ADDRESS-1]')
  })

  it('takes a lower-case street address after a number', () => {
    expect(r('for an elderly man the house is at 4512 west 29th avenue and um i', 'en')).toBe(
      'for an elderly man the house is at [ADDRESS-1] and um i',
    )
  })

  it('knows Filipino address words', () => {
    expect(r('I live at Purok 4, Brgy. Tabao if someone can come', 'en')).toBe(
      'I live at [ADDRESS-1] if someone can come',
    )
  })

  it("takes an address after 'donde vivo', street word in lower case", () => {
    expect(r('me dijo que ya sabían donde vivo, en calle Fresno 214 col. Las Flores, y que')).toBe(
      'me dijo que ya sabían donde vivo, en [ADDRESS-1], y que',
    )
    expect(r('donde vivo no hay agua')).toBe('donde vivo no hay agua')
  })

  it('ends an address at a period even when the next sentence is in lower case', () => {
    expect(r('la casa es en Rio Nazas 318 col del Valle. mi clave es la misma')).toBe(
      'la casa es en [ADDRESS-1]. mi clave es la misma',
    )
    expect(r("il a su. j'habite Abobo PK18 vers le marché", 'fr')).toBe("il a su. j'habite [ADDRESS-1]")
  })

  it("takes the town of someone's house the worker lives in", () => {
    expect(r("J'habite chez eux à Yopougon Niangon Sud, près de la pharmacie Sainte Famille", 'fr')).toBe(
      "J'habite chez eux à [ADDRESS-1]",
    )
  })

  it('takes a landmark inside the phrase, but not one near the workplace', () => {
    expect(r('c est normal. j habite a Angre 8e tranche pres de la pharmacie', 'fr')).toBe(
      'c est normal. j habite a [ADDRESS-1]',
    )
    expect(r('vivo en Silao cerca de la planta de GM')).toBe('vivo en Silao cerca de la planta de GM')
  })

  it("takes the employer's house where a domestic worker works as an address", () => {
    expect(r('Le pagan 3 meses tarde. La casa está en Calle Homero 1420.')).toBe(
      'Le pagan 3 meses tarde. La casa está en [ADDRESS-1].',
    )
  })

  it('leaves a town on its own', () => {
    expect(r('vivo en Silao desde hace 3 años')).toBe('vivo en Silao desde hace 3 años')
  })
})

describe('facts that stay', () => {
  it.each([
    'El 12/05/2024 votamos, somos 300 trabajadores',
    'Nos pagan $1,500 a la semana por 60 horas',
    'On nous paie 150 000 FCFA par mois, 1 500 000 FCFA au total',
    'la campagne 2023-2024, le 02/11/2023 à 14:30',
    'Kids 13, 14 years old, 40 OF US, 10%, article 23.3',
    'de 6 a 15 horas, 2 500 $ de frais, Q 3,200, L 7,000',
    'a las 14:30 en la línea 4, del 12-05-2024 al 15-05-2024',
  ])('%s', (text) => {
    expect(r(text)).toBe(text)
  })
})

describe('findings', () => {
  it('gives offsets in the original text, in order', () => {
    const text = 'Soy María, cel 55 1234 5678, correo maria@example.org'
    const { findings } = redact(text, 'es')
    expect(findings.map((f) => [f.kind, text.slice(f.start, f.end)])).toEqual([
      ['name', 'María'],
      ['phone', '55 1234 5678'],
      ['email', 'maria@example.org'],
    ])
  })

  it('gives the same number to the same phone written two ways', () => {
    expect(r('Llámenme al 492 155 0987 o +52 4921550987, o al 492 155 0988')).toBe(
      'Llámenme al [PHONE-1] o [PHONE-1], o al [PHONE-2]',
    )
  })

  it('leaves a text without identifiers untouched', () => {
    const text = 'nos despidieron a 25 compañeros por afiliarnos al sindicato'
    expect(redact(text, 'es')).toEqual({ text, findings: [] })
  })
})
