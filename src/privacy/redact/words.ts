/**
 * @module privacy/redact/words
 * Word lists for name and address detection, folded (lower case, no accents): words that are
 * never a person's name, name-introducing phrases (reference.md §6.4), titles, roles, and
 * street vocabulary. Linguistic facts, not tuned to any example.
 */

const words = (s: string): Set<string> => new Set(s.trim().split(/\s+/))
const phrases = (s: string): string[] =>
  s.split('|').map((p) => p.trim()).filter((p) => p.length > 0)

/** Words that are never a person's name, even capitalised (function words, calendar, groups). */
export const NOT_NAME = words(`
  a al ante bajo con contra de del desde durante en entre hacia hasta para por segun sin
  sobre tras y e o u ni pero sino que quien como cuando donde porque pues si no ya mas
  el la lo los las un una unos unas este esta esto estos estas ese esa eso esos esas aquel
  mi mis tu tus su sus nuestro nuestra nuestros nuestras yo tu usted ustedes nosotros ellos
  ellas le les me nos se te hoy ayer manana ahora luego despues antes siempre nunca tambien
  hola buenas buenos bueno gracias saludos favor porfa ayuda necesito tengo tenemos somos
  soy estoy estamos trabajo trabajamos vivo hay dice dicen nadie todos todas cada otro otra
  aqui alli ahi entonces asi solo muy poco mucho sr sra srta don dona lic ing dr dra
  le la les un une des du de d l au aux et ou mais donc car ni que qui quoi dont ou quand
  comme si pas plus tres tout tous toute toutes ce cet cette ces mon ma mes ton ta tes son
  sa ses notre nos votre vos leur leurs je tu il elle on nous vous ils elles moi toi lui
  eux aujourd hier demain maintenant apres avant toujours jamais aussi alors bonjour
  bonsoir salut slt merci svp voici voila ici la oui non rien personne chaque autre
  m mme mlle monsieur madame mademoiselle
  the a an and or but nor so yet for of in on at by to from with without about into over
  under after before during until since than then there here this that these those it its
  i me my mine we us our you your he him his she her they them their who whom what which
  when where why how all any both each every no not none some such only also just very
  hello hi hey dear thanks thank please help yes today yesterday tomorrow now later
  nobody everyone everybody someone somebody anyone everything nothing something mr mrs
  ms miss sir madam dr im i'm may
  lunes martes miercoles jueves viernes sabado domingo enero febrero marzo abril mayo junio
  julio agosto septiembre setiembre octubre noviembre diciembre
  lundi mardi mercredi jeudi vendredi samedi dimanche janvier fevrier mars avril mai juin
  juillet aout septembre octobre novembre decembre
  monday tuesday wednesday thursday friday saturday sunday january february march april
  june july august september october november december mon tue wed thu fri sat sun jan feb
  mar apr jun jul aug sep sept oct nov dec
  mexicano mexicana mexicanos mexicanas guatemalteco guatemalteca hondureno hondurena
  salvadoreno salvadorena nicaraguense haitiano haitiana jamaiquino indigena indigenas
  mixteco mixteca zapoteco zapoteca triqui nahuatl maya tzotzil tzeltal purepecha otomi
  espanol ingles frances americano americana gringo latino latina catolico cristiano
  evangelico musulman
  ivoirien ivoirienne ivoiriens burkinabe burkinabe malien malienne guineen guineenne
  togolais beninois senegalais ghaneen nigerian francais francaise canadien canadienne
  quebecois quebecoise haitien haitienne guatemalteque mexicain mexicaine africain
  africaine baoule bete senoufo malinke dioula agni attie gouro abron
  anglais espagnol arabe musulmane chretien chretienne catholique
  mexican guatemalan honduran salvadoran nicaraguan haitian jamaican filipino filipina
  vietnamese chinese indian punjabi nigerian ghanaian ivorian african american canadian
  black white latino latina hispanic indigenous native asian muslim catholic christian
  jewish hindu sikh spanish english french creole mayan mixtec zapotec triqui
  empresa planta fabrica compania sindicato union syndicat usine societe entreprise
  company plant factory farm mine mina rh hr drh ceo cfcrl imss stps ine sat cnps osha
  dol ice cbsa inspection inspeccion recursos humanos humanas seguridad calidad
  produccion production quality safety security maintenance mantenimiento
  god dios dieu virgen ok okay whatsapp facebook instagram tiktok telegram
  creek river lake falls springs valley
  supervisor supervisora jefe jefa gerente foreman manager boss chef patron contremaitre
`)

/** Occupations: "soy operadora", "je suis Cueilleuse" do not introduce a name. */
export const JOBS = words(`
  trabajador trabajadora trabajadores obrero obrera obreros operador operadora operadores
  jornalero jornalera jornaleros cortador cortadora costurera costurero cajera cajero
  empleado empleada tecnico tecnica soldador ayudante auxiliar cocinera cocinero vendedor
  vendedora velador intendente empacador empacadora agente maquiladora campesino campesina
  minero minera albanil mesera mesero recamarera limpiadora conductor repartidor
  travailleur travailleuse ouvrier ouvriere manoeuvre chauffeur planteur cueilleur
  cueilleuse menagere employe employee technicien soudeur cuisinier cuisiniere vendeuse
  caissiere docker macon paysan paysanne orpailleur mineur couturiere serveuse
  worker workers employee operator picker packer driver cashier cleaner janitor welder
  laborer labourer farmworker housekeeper dishwasher server waitress caregiver trucker
  miner machinist mechanic carpenter roofer landscaper
`)

/** Provinces, states and regions: a place, never a person, and a place marker after a word. */
export const REGIONS = words(`
  ontario quebec alberta manitoba saskatchewan columbia brunswick scotia newfoundland
  yukon nunavut california texas arizona florida georgia carolina virginia washington
  oregon idaho nevada utah colorado nebraska kansas oklahoma iowa minnesota wisconsin
  michigan illinois indiana ohio kentucky tennessee alabama mississippi louisiana
  arkansas missouri pennsylvania york jersey maryland delaware massachusetts vermont
  maine dakota montana wyoming mexico
  sonora chihuahua coahuila tamaulipas leon sinaloa durango zacatecas jalisco guanajuato
  queretaro hidalgo puebla tlaxcala veracruz oaxaca chiapas tabasco campeche yucatan
  quintana michoacan colima nayarit aguascalientes morelos guerrero potosi baja
  abidjan lagunes comoe sassandra montagnes savanes zanzan denguele woroba goh loh djiboua
  cortes atlantida yoro choluteca olancho comayagua copan lempira intibuca valle colon
  escuintla quetzaltenango huehuetenango peten izabal chimaltenango sacatepequez suchitepequez
  retalhuleu totonicapan solola alta verapaz jutiapa usulutan sonsonate ahuachapan chalatenango
  cuscatlan cabanas morazan
`)

/** Places named after people ("Lázaro Cárdenas", "Benito Juárez"): folded, words joined. */
export const PERSON_PLACES = new Set([
  'lazaro cardenas', 'benito juarez', 'miguel hidalgo', 'venustiano carranza', 'alvaro obregon',
  'gustavo a madero', 'vicente guerrero', 'emiliano zapata', 'francisco i madero',
  'jose maria morelos',
  'felix houphouet boigny', 'houphouet boigny', 'martin luther king', 'george washington',
])

/** Lower-case words after which a capitalised name is a place ("municipio Benito Juárez"). */
export const PLACE_NOUNS = words(`
  alcaldia municipio delegacion puerto colonia col avenida av calle calzada bulevar ciudad
  estado ejido comunidad localidad poblado fraccionamiento parque planta fabrica rancho
  commune quartier ville village rue avenue boulevard port usine
  town city county street avenue road port plant township
`)

/** Courtesy titles; a name follows. Folded, without the final period. */
export const TITLES = words(`
  sr sra srta senor senora senorita don dona lic licenciado licenciada ing ingeniero
  ingeniera dr dra doctor doctora prof profe profesor profesora mtro mtra maestro maestra
  m ma mme mlle monsieur madame mademoiselle maitre docteur
  mr mrs ms miss mister sir madam dr
  pastor pasteur reverend rev imam padre abbe
`)
/** Titles that are also ordinary words: they need a capitalised or known name after them. */
export const WEAK_TITLES = words('don dona m doctor doctora maestro maestra maitre sir miss')

/**
 * Roles and relations that a name often follows ("la supervisora Martha", "le contremaître
 * Konan", "my supervisor, Mike Dawson", "mi compañero Luis").
 */
export const ROLES = phrases(`
  supervisor|supervisora|jefe de linea|jefe de area|jefe de turno|jefe de grupo|jefe|jefa|
  gerente|encargado|encargada|capataz|mayordomo|lider|lideresa|delegado|delegada|
  representante|secretario general|secretaria general|patron|patrona|dueno|duena|
  contratista|reclutador|reclutadora|enganchador|coordinador|coordinadora|abogado|abogada|
  companero|companera|compa|compita|amigo|amiga|vecino|vecina|hijo|hija|esposo|esposa|
  hermano|hermana|cunado|cunada|primo|prima|tio|tia|guardia|vigilante|chofer|medico|
  medica|enfermera|enfermero|asesor|asesora|instructor|instructora|cabo|puntero|operador|
  contremaitre|contremaitresse|chef d'equipe|chef de chantier|chef de ligne|chef de quart|
  chef de culture|chef|superviseur|superviseure|gerant|gerante|directeur|directrice|
  proprietaire|planteur|pisteur|delegue|deleguee|president|presidente|secretaire general|
  collegue|camarade|ami|amie|voisin|voisine|fils|fille|mari|frere|soeur|cousin|cousine|
  oncle|tante|recruteur|passeur|intermediaire|responsable|caporal|gardien|inspecteur|
  inspectrice|medecin|infirmier|infirmiere|commercant|acheteur|team leader|manager|
  supervisor|foreman|forewoman|crew leader|crew boss|crewleader|line leader|line lead|
  team lead|shift lead|shift leader|shift supervisor|lead hand|plant manager|
  floor manager|store manager|general manager|hr manager|hr rep|manager|boss|owner|
  contractor|labor contractor|recruiter|grower|farmer|coworker|co-worker|colleague|friend|
  buddy|neighbor|neighbour|daughter|wife|husband|brother|sister|cousin|uncle|aunt|
  steward|union rep|organizer|organiser|president|delegate|driver|guard|nurse|doctor|
  officer|inspector|trainer|recruiter|landlord|dispatcher|captain|skipper|crew chief|
  superintendent|leadman|lead man|line supervisor|production supervisor|quality inspector|
  checador|velador|contador|contadora|cajero|cajera|capitan|patroncito|ingeniero|ingeniera|
  magasinier|magasiniere|pointeur|pointeuse|chauffeur|comptable|caissier|caissiere|
  surveillant|surveillante|capitaine|tuteur|tutrice|patronne|boss|his guy|her guy|their guy|
  right-hand man|helper|mano derecha|achichincle|brazo derecho|homme de main|bras droit
`)

/** Phrases that introduce the speaker's own name and are unambiguous (§6.4). */
export const STRONG_INTRO = phrases(`
  me llamo|mi nombre es|mi nombre completo es|mi apellido es|mis apellidos son|me dicen|
  mi nombre:|nombre:|nombre completo:|se llama|que se llama|llamado|llamada|de nombre|
  apodado|apodada|alias|je m'appelle|je m appelle|mon nom est|mon nom c'est|mon prenom est|
  mon nom de famille est|on m'appelle|il s'appelle|elle s'appelle|qui s'appelle|s'appelle|nom:|
  prenom:|nomme|nommee|denomme|denommee|du nom de|su nombre es|su nombre completo es|
  son nom est|son nom c'est|son prenom est|his name is|her name is|his name's|her name's|name is|
  my name is|my name's|my full name is|
  my last name is|my first name is|call me|named|name:|full name:|goes by|i go by
`)

/** Phrases that may introduce a name, but also many other things ("soy de", "I'm tired"). */
export const WEAK_INTRO = phrases(`
  soy|le habla|habla|les escribe|le escribe|te escribe|les saluda|aqui|un tal|una tal|
  un certain|une certaine|de parte de|moi c'est|moi c est|je suis|c'est|c est|ici|i am|i'm|im|
  this is|it's|it is|here is|name|nombre|nom
`)

/**
 * Phrases that give someone's nickname or name as others say it ("le dicen el Güero", "qu'on
 * appelle Vieux Moussa", "they call him Big Mike"). Also ordinary verbs ("le dicen que…"), so
 * only a capitalised word after them counts.
 */
export const NICKNAME_INTRO = phrases(`
  le dicen|les dicen|lo dicen|la dicen|le apodan|lo apodan|la apodan|le llaman|lo llaman|
  la llaman|le decimos|conocido como|conocida como|on l'appelle|on l appelle|qu'on appelle|
  qu on appelle|on appelle|surnomme|surnommee|calls him|calls her|they call him|they call her|
  they call|we call|people call|everyone calls|everybody calls|everyone calls him|
  everybody calls him|everyone calls her|everybody calls her|we call him|
  we call her|people call him|people call her|known as|aka|a.k.a.
`)

/** Sign-offs after which a name may close the message. */
export const SIGNOFF = phrases(`
  atentamente|atte|saludos|gracias|muchas gracias|firma|firmado|merci|merci beaucoup|
  cordialement|bien a vous|signe|thanks|thank you|regards|best regards|sincerely|signed
`)

/** Words after a name that mark it as an organisation or a place, not a person. */
export const ORG_OR_PLACE_AFTER = words(`
  sa s.a inc llc ltd corp corporation co company companies group grupo industries
  industrial industriales motors foods farms farm ranch packing produce mining minera
  manufacturing manufacturas sarl sas coop cooperative cooperativa cooperative
  valley city beach springs square county island park heights falls lake river bay grove
  hills point port station street avenue road boulevard creek town township
`)

/**
 * First words of a business name ("Servicios Mineros del Real", "Grupo Bimbo", "Chez Gervais"):
 * a run starting with one is an organisation, not a person.
 */
export const ORG_HEAD = words(`
  servicios grupo industrias industrial agricola agropecuaria agroindustrial constructora
  transportes compania corporacion comercializadora maquiladora manufacturas empacadora
  distribuidora productora exportadora societe groupe etablissements ets chez services group
  industries farms transport logistics
`)

/** Capitalised words before a name that make it a place ("San Pedro", "Ciudad Juárez"). */
export const PLACE_BEFORE = words(`
  san santa santo st saint sainte ciudad cd villa puerto port fort mount mont nuevo nueva
  new el la los las colonia col calle av avenida rue boulevard lake prince princess
  general presidente
`)

/** Street-level vocabulary: a segment with one of these is part of a home address. */
export const STREET = words(`
  calle c av ave avda avenida blvd bulevar boulevard calzada camino carretera privada priv
  andador callejon cerrada prolongacion col colonia fracc fraccionamiento barrio manzana
  mz lote lt edificio edif depto departamento int interior ext exterior rue allee impasse
  chemin route lot ilot cite residence quartier batiment bat appartement appt immeuble
  porte street st road rd lane ln drive dr court ct way place pl apt apartment unit suite
  trailer building bldg floor piso casa-habitacion pasaje sector parcela purok barangay brgy
  sitio avenue highway hwy boulevard crescent terrace circle
`)
/** Street markers that count only when a number follows ("no. 23", "#5", "num 12"). */
export const NUMBER_MARKERS = words('no num numero nro n nº n° #')

/** Words after which a home address may follow (reference issue: "vivo en", "j'habite"). */
export const ADDRESS_INTRO = phrases(`
  vivo en|vivimos en|vive en|viven en|mi domicilio es|mi domicilio esta en|mi domicilio:|
  domicilio:|mi direccion es|mi direccion:|direccion:|mi casa esta en|mi casa queda en|
  mi casa es en|nuestra casa esta en|donde vivo es|donde vivo|donde vivimos|la casa esta en|la casa queda en|
  la casa es en|su casa esta en|su casa queda en|j'habite|j habite|nous habitons|
  il habite|elle habite|ils habitent|je vis a|je vis au|je vis dans|je reside|je demeure|
  mon adresse est|mon adresse:|mon adresse c'est|adresse:|domicile:|ma maison est|
  i live at|i live on|i live in|we live at|we live on|we live in|lives at|lives on|
  my address is|my address:|address:|home address|my house is at|my house is on|
  my home is at|my apartment is at|my apartment is on|the house is at|the house is on|
  where i live|where we live|ou j'habite|ou j habite|
  their house is at|their house is on|sa maison est|la maison est
`)

/**
 * Phrases before an employer household's surname: "la casa de los Castañeda", "la familia
 * Pérez", "chez les Traoré", "la famille Koné". The surname names the family a domestic worker
 * lives with, so it goes.
 */
export const HOUSEHOLD_BEFORE = phrases(`
  casa de los|casa de las|casa de la familia|familia|los senores|hogar de los|con los|para los|
  famille|chez les|chez la famille|maison des|
  family of|household of|home of
`)
/** Words after an employer household's surname: "the Whitmore family", "los Pérez family". */
export const HOUSEHOLD_AFTER = words('family household familia famille')
