/**
 * @module privacy/redact/lexicon
 * Given names and surnames common among the hotline's reporters and the people they name
 * (Mexico and Central America, Côte d'Ivoire and West Africa, the US and Canada). Folded
 * (lower case, no accents). Used to confirm a capitalised word is a person's name when no
 * introducing phrase is present, and to accept lower-case names after an introducing phrase.
 * Names that are also places, brands, months or common words are in `AMBIGUOUS` and only
 * count after an introducing phrase, a role or a title.
 */

const words = (s: string): Set<string> => new Set(s.trim().split(/\s+/))

/** Given names (first names, nicknames). */
export const GIVEN = words(`
  jose juan luis carlos jorge pedro miguel antonio manuel francisco javier alejandro fernando
  ricardo roberto eduardo raul sergio arturo alberto enrique rafael daniel david mario oscar
  hector hugo ruben ramon andres gabriel marco marcos pablo diego ivan cesar victor alfredo
  gerardo guillermo gustavo ignacio jaime joaquin julio leonardo lorenzo martin mauricio
  nicolas omar orlando rodrigo salvador santiago sebastian tomas ulises vicente adrian
  armando benito cristian efrain emilio ernesto esteban felipe gilberto gonzalo heriberto
  isidro jesus leopoldo lucio margarito mateo octavio pascual porfirio reynaldo rigoberto
  rogelio saul teodoro toribio valentin wilfredo abel agustin alonso anselmo aurelio baltazar
  bernardo ciro cruz damian edgar edwin elias eliseo erick erik everardo fabian fidel
  genaro german hilario horacio isaac israel jacinto jonathan josue julian lazaro leonel
  marcelino mariano maximiliano moises nestor noe pancho paco pepe chuy toño tono memo beto
  lalo nacho quique chema chucho pancho kiko tito rene ramiro samuel simon ismael
  maria guadalupe lupe lupita juana ana rosa carmen patricia martha marta laura elena
  isabel teresa margarita veronica leticia adriana alejandra gabriela claudia silvia sandra
  monica yolanda angelica araceli beatriz blanca cecilia diana elizabeth esperanza estela
  fabiola gloria graciela irma josefina karla karina lorena lucia luisa marisol mayra
  norma olga paola raquel rocio ruth sara susana tania vanessa viviana ximena yesenia
  yadira alma anahi brenda carolina catalina cristina daniela dolores erika esmeralda
  eva fernanda flor francisca gisela hilda ines jazmin jessica julia leonor liliana
  lourdes magdalena maribel mariana marisela miriam nancy natalia nayeli noemi paulina
  perla reyna rosario rosalba sofia socorro valeria virginia wendy xochitl zulema chelo
  chela conchita concha lety paty maru mari meche vicky nena pili tere cuca chayo
  jean pierre paul jacques michel philippe alain andre bernard christian claude daniel
  didier dominique eric etienne francois frederic georges gerard gilles guy henri herve
  jerome julien laurent louis luc marc mathieu nicolas olivier pascal patrick philippe
  remi rene robert serge stephane sylvain thierry thomas vincent xavier yves arsene
  armand aristide blaise constant desire emmanuel fabrice franck ghislain hyacinthe
  innocent jean-baptiste jean-marc jean-pierre jean-paul jean-claude jean-louis
  marie anne catherine christine claire francoise isabelle jeanne josephine louise
  madeleine martine monique nathalie nicole sophie sylvie valerie veronique brigitte
  chantal colette denise diane edith florence genevieve helene jacqueline micheline
  simone suzanne yvette yvonne solange odile ginette marie-claire marie-louise
  marie-therese marie-france marie-josee annick celestine clementine estelle
  aya adjoua affoue akissi amenan ahou amoin aminata awa fatou fatoumata kadi korotoum
  mariam mariame salimata assetou rokia ramatou nafissatou bintou djeneba kadiatou
  hawa mawa oumou safiatou tenin aissata aicha aichatou adama mamadou moussa ibrahim
  ibrahima souleymane seydou lassina drissa bakary yacouba issouf abdoulaye abdou
  boubacar brahima dramane karim lamine mohamed mamadi sekou siaka tiemoko zoumana
  kouame kouassi kouadio koffi kofi yao konan kouakou kacou kra brou ndri n'dri
  ngoran n'goran nguessan n'guessan amani assi aka ahoua tanoh ehui achi tano gnagne
  kipre gueu seri zadi tape affi akoua akossua adjo eba edwige prisca rachelle
  aurelie carine clarisse mireille pelagie sandrine sidonie viviane
  john james robert michael william richard joseph thomas charles christopher daniel
  matthew anthony donald steven paul andrew joshua kenneth kevin brian george timothy
  ronald edward jason jeffrey ryan jacob gary nicholas eric stephen jonathan larry justin
  scott brandon benjamin samuel gregory frank alexander raymond patrick jack dennis jerry
  tyler aaron henry douglas peter adam nathan zachary walter kyle harold carl jeremy
  keith roger gerald ethan arthur terry christian sean lawrence austin joe noah jesse
  albert bryan billy bruce willie jordan dylan alan ralph gabriel roy juan wayne eugene
  logan randy louis russell vincent philip bobby johnny bradley mike dave steve tom jim
  bob tony rick chris matt josh nick dan greg jeff ken ron tim ben sam tyrone darnell
  jamal deshawn dale troy travis curtis marcus luther cody shawn derek darius malik
  mary patricia jennifer linda barbara susan jessica sarah karen lisa nancy betty
  margaret sandra ashley kimberly emily donna michelle carol amanda dorothy melissa
  deborah stephanie rebecca sharon laura cynthia kathleen amy angela shirley anna
  brenda pamela emma nicole helen samantha katherine christine debra rachel carolyn
  janet catherine maria heather diane ruth julie olivia joyce virginia victoria kelly
  lauren christina joan evelyn judith megan andrea cheryl hannah jacqueline martha
  gloria teresa ann sara madison frances kathryn janice jean abigail alice judy sophia
  denise amber doris marilyn danielle beverly isabella theresa diana natalie brittany
  charlotte marie kayla alexis lori tanya keisha latoya tamika aaliyah shanice jasmine
  destiny ebony monique tiffany crystal
  ngozi chinedu chioma emeka oluwaseun adebayo kwame kwabena akosua abena ama yaw
  nguyen thi minh linh thanh huong tuan anh hoa lan mai phuong rajesh priya ravi amit
  sunita deepak anil vijay jose-luis juan-carlos juan-pablo jose-maria maria-jose
  rajinder gurpreet harpreet manpreet jaspreet mohammed muhammad ahmed ali fatima
  rodel jun arnel marites maricel rowena jocelyn analyn
  arnulfo anacleto aniceto apolinar bonifacio casimiro cirilo cleofas constantino dionisio
  eleuterio encarnacion epigmenio estanislao evaristo florentino gabino gil hermenegildo
  herminio honorio inocencio isauro leandro leobardo leoncio lino marcial marciano matias
  maximino nazario nemesio nicasio norberto odilon pantaleon patricio plutarco policarpo
  primitivo prudencio rufino salomon saturnino sotero valente zenon agapito alfonso alvaro
  amado baudelio candido celso cornelio delfino demetrio donato edmundo elpidio emeterio
  erasmo eulogio fausto federico fidencio fortunato homero juventino librado luciano
  marcelo modesto natividad refugio rodolfo rolando romualdo sabas serafin silvano silverio
  timoteo vidal wilfrido zeferino adela adelina agustina alicia angela antonia benita
  carlota celia clara delfina dora edelmira elia elisa eloisa elvira emilia enriqueta
  ernestina eugenia evangelina felipa filomena genoveva georgina gertrudis herminia ignacia
  imelda julieta lilia lucila manuela marcela maricela marina matilde nicolasa olivia
  otilia paula piedad ramona rita rosalia rosaura sabina salome serafina ursula venancia
  zenaida hilda rosalinda rosalba rosenda griselda marisela leticia yesenia jazmin dulce
  ivonne anabel annel
  alondra araceli abigail areli berenice dalia deyanira edith elvia emma fatima gladys
  guadalupe iris janet jovita karen lidia marlene minerva nallely noemi odalys rebeca rubi
  selene sonia tomasa yaneth yolanda zoila
  brayan yahir itzel citlali aylin yaretzi aranza renata regina yazmin yesica jaqueline
  lizbeth guillermina petra juliana obdulia epifania eustolia hortensia amalia ofelia irene
  josefa micaela silvestre candelaria hermelinda rufina florencia eulalia gumersindo
  anastasio nicanor celestino crisanto filiberto fortino rosendo nabor tiburcio ezequiel
  isaias jeremias eleazar caleb jair uriel misael yael alexis aldo axel irving bryan edson
  giovanni iker santino emiliano efren fermin gregorio higinio jeronimo melquiades panfilo
  rutilio severiano teofilo ubaldo wenceslao zacarias abundio cipriano crescencio eusebio
  faustino feliciano gaudencio hipolito isidoro justino lucas macario natalio onofre
  prisciliano quirino remigio sabino tereso urbano venancio rigoberta tomasa
  arnaud bertin boris brice cedric christelle cyrille dieudonne elodie fabien fernand
  florent gaston gisele gustave jocelyne josiane judith kader landry lionel lucien ludovic
  marcel maurice octave patrice raoul regis romeo roland rosine sylvestre theodore wilfried
  yannick zephirin aboubacar alassane amadou daouda fousseni hamed inza karamoko lacina
  namory ousmane salif sidiki soumaila tidiane vamara youssouf zana adjara fanta kadidia
  kady mariatou massandje nabintou rokiatou setou alimata affou akua adjoba amlan
  anne-marie bernadette clemence henriette honorine josette odette paulette pierrette
  therese toussaint yolande jeanette mackenson wilner fritz jonel stevenson wisly nadege
  guerline mirlande roseline yolette marjorie darline esther judeline kerline loveline
  mislande naika sherley widline
  kim tina vince wanda zoe chloe courtney dana erin gina hailey holly jenna kara kate
  katie kristen leah lindsay lucy mandy molly nina paige peggy riley shannon sheila stacy
  tracy trisha whitney brad brett clint craig darryl derrick devon dwayne earl floyd glenn
  hank herbert howard jake jared jay jimmy jody lance leroy lonnie marvin melvin mitchell
  neil norman phil randall reggie rodney shane stanley ted terrell tommy trevor wade
  wesley zack deandre demetrius jermaine keshawn lamar marquis rashad terrence tremaine
  jalen tanisha shaniqua lakisha imani kiara aliyah nia
  wei mei hui duc hung quang trung vinh hanh hien khanh lien nga ngoc nhung oanh phuc quynh
  thao thuy trang tuyet xuan marilou rodelio rommel ramil jomar divina raj sunil arjun
  harjit kuldeep balwinder sukhwinder jasvir mandeep navdeep parminder simran rohit rahul
  sanjay suresh ramesh ganesh lakshmi meena kavita pooja neha anjali divya chukwu obinna
  ifeanyi amara tunde femi kemi funmilayo kojo kwaku esi efua adwoa abdi hassan hussein
  yusuf musa issa idrissa
  gaetan rejean normand yvon rosaire fernand lucien jean-guy jean-yves jean-francois
  jean-sebastien pierre-luc marc-andre benoit denis donald gilbert ghislain jacquelin
  josee johanne guylaine manon lucie diane francine lise louise maryse micheline
  nathalie sylvie chantale carole isabelle genevieve melanie annie julie karine marie-eve
  frantz wilfrid jean-robert jean-rene jean-ronel jean-baptiste ronel mackendy kervens
  wideline fabiola rose-marie marie-rose dieula guerda nadine rosemene yveline clotilde
  kouame yapo ake gbagbo yace gnoan aboua aka-kouame kouao nanan nda koua koffi-yao
  fatim massata nabou ramata sali salimata korotimi aminatou maimouna oumou kadiatou
  boukary issaka hamidou harouna idrissa oumarou souleymane tahirou yacouba zakaria
  djibril modibo cheick bakari siaka sidiki ladji mahamadou moumouni sayouba ousseini
  wendkouni wendyam pengwende relwende noufou rasmane inoussa
  delroy winston marlon kemar dwight kirk garfield desmond leroy errol clive everton
  fitzroy nigel orville rohan shawn-paul tajay odane shanique tameka latoya kerry-ann
  marcia sophia yanique simone-marie
  jun-jun jojo nonoy boyet rolando reynaldo ricardo edgardo arnold ariel jayson
  jericho joel jomari ramil romeo ronaldo ruel wilfredo marilyn maricris rosalie
  lorna luzviminda imelda erlinda evangeline jennylyn kristine merlyn nelia
  wilmer elmer selvin bayron kevin denis jefferson yeison brayan yonatan dilan wilson
  nelson osmin melvin elvin darwin francisco-javier juan-jose
  jules leon-paul hugues gaston-pierre mathis theo lucas enzo nathan kevin-junior
  samia nadia leila yasmine amina khadija karima naima latifa rachida saida souad zineb
  rachid youssef mehdi hamza nabil tarik hicham abdel abdelkader mustapha
  marleny yeni dania glenda kenia keila heidy lesly sulmy xiomara yessenia maritza yolany
  wendy-maria norma-lidia dilcia elsy iris-marlene osiris nidia reina-isabel zoila-esperanza
  rajdeep gurdeep harjinder manjit paramjit baljit kulwinder amandeep jaswinder ravinder
  yaritza yesenia karla-maria yamileth glenda xiomara dayana yulissa leydi heydi
`)

/** Surnames that are seldom anything else. */
export const SURNAMES = words(`
  garcia hernandez lopez martinez gonzalez perez rodriguez sanchez ramirez flores gomez
  morales vazquez jimenez diaz torres gutierrez ruiz mendoza aguilar ortiz moreno
  castillo romero alvarez mendez chavez rivera ramos dominguez herrera medina castro
  vargas guzman velazquez munoz rojas contreras salazar ortega estrada bautista cortes
  soto alvarado espinoza lara avila rios cervantes silva delgado marquez sandoval
  fernandez carrillo mejia solis nunez rosas valdez ibarra campos camacho navarro pena
  maldonado acosta miranda trejo cabrera robles molina rangel fuentes zamora beltran
  tapia pacheco cardenas orozco huerta villanueva aguirre ochoa escobar padilla
  figueroa gallegos barrera zuniga ponce velasco sosa galvan arellano cuevas benitez
  quintero lozano cisneros meza salas tovar arroyo lugo guerra rocha cantu esquivel
  bravo serrano villarreal cordova ayala pineda zavala solano osorio pantoja cux
  aju xol tzul chen coc caal pop tiul quej yat chub choc ajpop ixcoy tum coj chun tzoc
  kone traore ouattara coulibaly diabate bamba toure cisse sanogo soro yeo fofana
  diallo doumbia camara kamagate dosso bakayoko gnahore dje kone konate sangare diarra
  keita sylla silue tuo ouedraogo sawadogo zongo compaore kabore kouyate dembele
  smith johnson williams brown jones miller davis wilson anderson taylor thomas moore
  martin thompson white harris clark lewis robinson walker young allen king wright
  scott hill green adams nelson baker hall campbell mitchell carter roberts phillips
  evans turner parker collins edwards stewart morris murphy cook rogers morgan peterson
  cooper reed bailey bell kelly howard ward cox richardson wood watson bennett gray
  james hughes price sanders myers long ross foster powell jenkins perry russell sullivan
  fisher henderson coleman simmons patterson jordan reynolds hamilton graham wallace
  cole west stone dawson jensen larsen olsen nielsen hansen schmidt mueller o'neil
  o'neill o'brien o'connor mcdonald macdonald tremblay gagnon roy cote bouchard gauthier
  morin lavoie fortin gagne ouellet pelletier belanger levesque bergeron leblanc paquette
  girard simard boucher caron beaulieu cloutier dube poirier fournier lapointe
  nguyen tran le pham huynh hoang phan vu vo dang bui do ho ngo duong ly singh kaur
  patel sharma kumar khan okafor okonkwo adeyemi mensah owusu asante boateng
  lapierre gingras cyr dufour desjardins st-pierre thibault vachon hebert landry leclerc
  nadeau martel charbonneau giroux lemieux mercier bissonnette theriault rousseau dion
  jean-louis pierre-louis jean-baptiste joseph-charles celestin dorvil estime louis-jean
  yapi gnagne kouakou kouadio kouassi konan brou ahoua gbane beugre goli zadi
  tape kra n'guessan n'dri ehui assi tanoh aboa kacou anoh ake yeo
  sanou kambou dabire nikiema ilboudo ouattara-kone sidibe sissoko sangare
  traore-diarra tounkara kante ndiaye diop gueye faye sarr mbaye niang
  dela cruz delos santos reyes-santos macapagal dizon dimaculangan bautista-cruz
  campbell-brown mcfarlane thompson-lewis facey spence samuels stewart-grant
  lemus xitumul ajanel yax tzunun cumes sicajan batz tuyuc chavajay ixchop
  euceda banegas zelaya cruz-lopez funes bonilla rivas-lopez argueta
  villeda cerrato matute amaya orellana portillo quintanilla
`)

/**
 * Names that are also places, brands, months or ordinary words: they count only after an
 * introducing phrase, a role or a title.
 */
export const AMBIGUOUS = words(`
  dolores mercedes victoria guadalupe santiago rosario trinidad concepcion asuncion soledad
  paz luz angel jesus salvador florence georgia virginia carolina austin jackson lincoln
  madison charlotte sydney paris chad jordan denver dallas houston kingston laval salinas
  leon juarez guerrero hidalgo morelos reyes cruz luna vega brooks ford franklin
  washington warren marion orlando aurora savannah eugene helena augusta cordoba mar sol
  cielo reina nieves consuelo amparo gracia esperanza fe patience prudence innocent joy
  hope faith grace will bill mark rich sunny may april june august dawn rose lily ruby
  pearl iris violet jade ivy penny amber crystal destiny summer autumn india china
  israel lourdes fatima montreal quebec christian long price green white
  brown young king hill wood stone bell cook west gray long reed ward cole black
  moreno rocha campos ramos flores rios santos toledo leal bravo baker hall turner parker
  cooper fisher foster carter cox miller mason hunter porter walker taylor bishop rogers
  pena salas guerra fuentes rosas robles cote gagne boucher aka ama tape camara flor alma
  perla nena cuca chela memo chucho nacho concha socorro guy constant desire dale jack
  brittany frances ebony ange noel dulce hamilton valencia zamora montserrat princess lee
  merida durango colima tepic toluca puebla celaya leon morelia salamanca
  mai lan le do ho ly vu
`)
