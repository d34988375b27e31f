"""The words the extractor reads, per language: verbs and nouns of trade, role markers, hedges,
denials, reported speech, labels of shipping documents and party nouns.

Each entry is a phrase of folded words (see ``text.fold``); a word ending in ``*`` matches any
word that starts with it. Phrases are compiled once into a :class:`~service.extract.phrases.
PhraseIndex`; where several match at one place the longest wins, and a phrase without wildcards
beats one with them (so "fournisseur" is a party noun, not the verb "fourni*").

Cue kinds:

=========  ==========================================================================
SELL       the subject gives: its country is the origin, "to X" the destination
BUY        the subject receives: its country is the destination, "from X" the origin
MOVE       goods move (ship, transit, route): only the markers give roles
LOAD       goods are loaded or leave: "at X" is the origin
UNLOAD     goods are unloaded, delivered or arrive: "at X"/"in X" is the destination
NSELL      a noun of supply (export, delivery, shipment): like SELL, possessor = origin
NBUY       a noun of purchase (purchase, import, order): like BUY
SPEECH     reported speech ("said", "selon"): a subject boundary, not a hedge
HEDGE      the transaction is uncertain or has not happened (reportedly, plans to)
DENY       the transaction is denied (denied, has never)
NEG        a plain negation, a denial when it bears on the trade word
NOTYET     "not yet": a hedge, not a denial
GENERIC    "any", "tout": a general statement, not a transaction
NOTRADE    verbs of display or testing (test-fired, unveiled): nothing changes hands
CONTEXT    nouns after which a place is a setting, not a route ("war in Ukraine")
NOAUTH     the approval, exemption or notification a measure requires is missing, or a cap
           is already reached ("without UN approval", "sans dérogation", "лимит уже исчерпан")
=========  ==========================================================================

Markers give the role of the place or party that follows: FROM, TO, VIA, BY (an agent), AT (a
location, read by the verb), FOR, ORIGIN (made in, d'origine), DEST (bound for, à destination
de), FLAG (flagged: a vessel's flag, not a route).
"""

from __future__ import annotations

from service.extract.text import words

SELL = "SELL"
BUY = "BUY"
MOVE = "MOVE"
LOAD = "LOAD"
UNLOAD = "UNLOAD"
NSELL = "NSELL"
NBUY = "NBUY"
SPEECH = "SPEECH"
HEDGE = "HEDGE"
DENY = "DENY"
NEG = "NEG"
NOTYET = "NOTYET"
GENERIC = "GENERIC"
NOTRADE = "NOTRADE"
CONTEXT = "CONTEXT"
REFUSE = "REFUSE"
NOAUTH = "NOAUTH"  # "without UN approval", "sans dérogation", "cap already exceeded"
SEIZE = "SEIZE"
CONTAINS = "CONTAINS"
CARRIER = "CARRIER"  # "cargo ship", "the tanker": a vessel, named next
EXCHANGE = "EXCHANGE"  # "in exchange for": what follows is paid back, not traded  # "said to contain": a shipping formula, not speech
ANAPHOR = "ANAPHOR"
PRONOUN = "PRONOUN"
BOUNDARY = "BOUNDARY"

FROM = "FROM"
TO = "TO"
VIA = "VIA"
BY = "BY"
AT = "AT"
FOR = "FOR"
ORIGIN = "ORIGIN"
DEST = "DEST"
FLAG = "FLAG"
DE = "DE"  # "de": an origin only after verbs of movement
FOB = "FOB"  # an Incoterm naming the place of loading
CIF = "CIF"  # an Incoterm naming the place of destination

VERBS = {SELL, BUY, MOVE, LOAD, UNLOAD}
SEIZE_KIND = "SEIZE"
NOUNS = {NSELL, NBUY}
TRADE = VERBS | NOUNS | {SEIZE}
MARKERS = {FROM, TO, VIA, BY, AT, FOR, ORIGIN, DEST, FLAG, FOB, CIF, DE}

# --- verbs and nouns of trade -----------------------------------------------------------------

_EN = {
    SELL: """sell sells selling sold supply supplies supplying supplied suppling supplyed export
        exports exporting exported ship ships shipping shipped deliver delivers delivering
        delivered send sends sending sent provide provides providing provided transfer transfers
        transferring transferred arm arming re-export re-exported
        reexported smuggle smuggled smuggling furnish furnished
        traffic trafficked trafficking gift gifts gifted donate donates donated gave
        been_given was_given were_given handed_over hands_over""",
    BUY: """buy buys buying bought purchase purchases purchasing purchased acquire acquires
        acquiring acquired import imports importing imported receive receives receiving received
        obtain obtains obtained procure procures procured procuring ordered got gets
        took_delivery take_delivery taking_delivery taken_delivery takes_delivery source
        sourcing""",
    MOVE: """transport transported transporting route routed routing carry carried carrying
        move moved moving transit transits transiting transited transship transshipped
        transhipped flown flew fly flying trucked railed go goes going went head headed
        heading travel travelled haul hauls hauled hauling ferried ferry ferrying""",
    LOAD: """load loaded loading loads depart departs departed departing leave leaves left
        leaving looted stolen pillaged plundered excavated""",
    UNLOAD: """unload unloaded unloading unloads discharge discharged discharging offload offloading offloads
        offloaded arrive arrives arrived arriving land landed reached reach reaches
        stay stays seized_at intercepted_at opened_at inspected_at impounded_at found_at
        seized_in intercepted_in entered entering""",
    NSELL: """export exports exportation sale sales supply supplies delivery deliveries
        shipment shipments transfer transfers consignment consignments cargo cargoes cargos
        freight batch batches provision re-export re-exports source_of a_source_of
        major_source_of deal deals arms_deal contract contracts""",
    NBUY: """purchase purchases import imports acquisition acquisitions order orders""",
}
_FR = {
    SELL: """vend vendre vendent vendu vendus vendue vendues vendait vendaient vendrait
        vendraient vendra vendront vendions vendons fournir fournit fournissent fourni fournie
        fournis fournies fournissait fournissaient fournira fourniront fournirait fourniraient
        fournissons exporter exporte exportent exporté exportée exportés exportées exportait
        exportaient exportera exporteraient exporterait exportons expédier expédie expédient
        expédié expédiée expédiés expédiées expédiait expédiera expédierait expédieraient
        livrer livre livrent livré livrée livrés livrées livrait livraient livrera livreront
        livrerait livreraient livrons envoyer envoie envoient envoyé envoyée envoyés envoyées
        envoyait envoyaient enverra enverrait enverraient céder cédé cédés transférer transféré
        transférés transférées armer approvisionner approvisionne approvisionné
        approvisionnait""",
    BUY: """acheter achète achètent acheté achetée achetés achetées achetait achetaient
        achètera achèterait achèteraient achetons acquérir acquiert acquis acquise acquises
        acquièrent importer importe importent importé importée importés importées importait
        importaient importera importerait recevoir reçoit reçoivent reçu reçue reçus reçues
        recevait recevaient recevra recevrait recevraient réceptionné réceptionnée réceptionnés
        réceptionner réceptionne procurer procure procurent procuré procurait commander
        commandé commandée commandés commandées obtenu obtenus obtenir""",
    MOVE: """acheminer achemine acheminent acheminé acheminée acheminés acheminées acheminait
        transporter transporte transporté transportée transportés transportées transiter
        transite transitent transité transitait transborder transbordé transbordés partir part
        partent partait partaient partira partiront aller va vont
        allait iront ira transiterait passer passe passent passé passée passés passées
        transbordement transbordements""",
    LOAD: """charger chargé chargée chargés chargées chargeait chargement embarqué embarquée embarqués
        embarquées quitté quitte quittent pillé pillés pillées volé volés volées""",
    UNLOAD: """décharger déchargé déchargée déchargés déchargées déchargement débarqué débarquée débarqués
        débarquées arriver arrive arrivent arrivé arrivée arrivés arrivées arrivait arrivera
        parvenu parvenus parvenue parvenues saisi_à saisis_à saisie_à saisies_à intercepté_à
        interceptés_à interceptée_à interceptées_à interception_à ouvert_à inspecté_à
        retrouvé_dans retrouvés_dans retrouvée_dans retrouvées_dans découvert_dans
        découverts_dans""",
    NSELL: """exportation exportations vente ventes fourniture fournitures livraison livraisons
        expédition expéditions envoi envois transfert transferts cargaison cargaisons lot lots
        approvisionnement acheminement source_d source_de une_source accord accords contrat
        contrats""",
    NBUY: """achat achats importation importations acquisition acquisitions commande commandes""",
}
_ES = {
    SELL: """vender vende venden vendió vendieron vendido vendidos vendidas vendería venderían
        regaló regalaron regalado donó donaron donado donados traficó traficaron traficado
        traficados traficadas traficada contrabandeó contrabandearon contrabandeados
        habría_vendido suministrar suministra suministran suministró suministraron suministrado
        suministrados exportar exporta exportan exportó exportaron exportado exportados
        exportadas enviar envía envían envió enviaron enviado enviados enviadas entregar entrega
        entregan entregó entregaron entregado entregados entregadas proporcionar proporcionó
        despachar despachado despachados transferir transfirió transferido""",
    BUY: """comprar compra compran compró compraron comprado comprados compradas adquirir
        adquiere adquirió adquirieron adquirido adquiridos importar importa importan importó
        importaron importado importados recibir recibe reciben recibió recibieron recibido
        recibidos recibidas obtener obtuvo obtuvieron consiguió consiguieron""",
    MOVE: """transportar transportado transportados transitar transita transitó enviados_via
        transbordo transbordos trasvase trasvases
        pasar pasa pasó ir va van""",
    LOAD: """cargar cargado cargados cargadas embarcado embarcados embarcadas salir sale salió""",
    UNLOAD: """descargar descargado descargados descargadas descargó descargaron descarga
        descargan llegar llega llegó llegaron llegado llegados incautado_en incautados_en
        incautadas_en interceptado_en interceptados_en""",
    NSELL: """exportación exportaciones venta ventas suministro suministros entrega entregas
        envío envíos cargamento cargamentos lote lotes""",
    NBUY: """compra compras importación importaciones adquisición pedido pedidos""",
}
_RU = {
    SELL: """продал* продав* прода* поставил* поставля* поставк* поставлен* поставит*
        экспортир* отправил* отправля* отправлен* передал* переда* вывез* вывоз* снабжа*
        доставил доставила доставили доставило подарил подарила подарили подарит подарен*""",
    BUY: """купил* покупа* закупа* закупил* приобрел* приобрет* приобрёл* импортир* получил*
        получа* заказал*""",
    MOVE: """пойдут пойдет пойдёт идут идет идёт транзит* перевоз* перевез* доставл* доставлен*
        доставит* направл* следу*""",
    LOAD: """погружен* загружен* отгружен* погрузил* загрузил* принял_на_борт принял* приняло
        приняла""",
    UNLOAD: """выгружен* разгружен* прибыл* прибыва* доставлен""",
    NSELL: """экспорт* продаж* поставк* отгрузк* партия партии партию""",
    NBUY: """закупк* покупк* импорт* заказ*""",
}

# --- markers ----------------------------------------------------------------------------------

MARKER_PHRASES: dict[str, str] = {
    FROM: """from out_of ex coming_from originating_from sourced_from departing_from leaving
        loaded_from shipped_from depuis départ au_départ_de departure salida en_provenance_de
        en_provenance_du en_provenance_des au_depart_de au_départ_de provenant_de venant_de
        viennent_de vient_de desde procedente_de procedentes_de proveniente_de
        provenientes_de из изо у со_стороны""",
    DE: """de d du del des""",
    TO: """to into onto towards toward vers au aux à a al hacia в во на_территорию""",
    VIA: """via through thru by_way_of transiting transiting_through in_transit_through
        transit_through transit_via transited_through transhipped_at transshipped_at
        transshipment_at transshipment_in transhipment_at transhipment_in transhipment_via
        transshipment_via transbordement_à transbordement_a transbordement_en
        transbordement_prévu_à transbordement_prévu_en transbordé_à transbordée_à transbordés_à
        trasbordo trasbordo_en transbordo_en par_l_intermediaire_de en_transit_par transite_par
        transitent_par transitant_par par_la_voie_de a_través_de através_de por_vía_de vía
        через транзитом_через""",
    BY: """by par por""",
    AT: """at in en on dans sur en_el en_la near pres_de cerca_de около""",
    FOR: """for pour para для frente_a frente_a_las_costas_de au_large_de au_large_des
        off_the_coast_of""",
    ORIGIN: """made_in manufactured_in produced_in built_in assembled_in origin origin_of
        origin_from of_origin country_of_origin product_of produce_of grown_in mined_in
        cut_in felled_in logged_in harvested_in caught_in fished_in extracted_in
        fabriqué_en fabriqués_en fabriquée_en fabriquées_en fabriqué_au fabriqués_au
        fabriqués_aux produit_en produits_en d_origine origine pays_d_origine de_fabrication
        fabricado_en fabricados_en fabricadas_en fabricada_en de_fabricación origen
        producido_en producidos_en производства производство произведен* изготовлен*
        real_origin actual_origin true_origin provenance_réelle provenance_reelle origine_réelle
        origine_reelle véritable_origine veritable_origine origen_real verdadero_origen
        procedencia_real
        made_by sewn_in knitted_in woven_in confectionné_en confectionnés_en confectionnée_en
        confectionnées_en cousu_en cousus_en cousue_en cousues_en assemblé_en assemblés_en
        assemblée_en assemblées_en produite_en produites_en originaire_de originaires_de
        hecho_en hechos_en hecha_en hechas_en confeccionado_en confeccionados_en
        confeccionada_en confeccionadas_en ensamblado_en ensamblados_en producida_en
        producidas_en сделан* пошит*""",
    DEST: """bound_for destined_for destined headed_for heading_for bound_to destination final_destination
        final_stop final_stop_is final_destination_is final_delivery_in final_delivery_to
        declared_destination destination_déclarée destino_declarado курс_на направляется_в
        следует_в in_the_hands_of entre_les_mains_de aux_mains_de en_manos_de
        entrega_final_en entrega_final_a destino_final_en destino_final_es livraison_finale_à
        livraison_finale_en конечный_пункт конечный_пункт_—
        final_dest final_recipient final_consignee ultimate_destination for_delivery_to
        to_be_delivered_to delivery_address delivery_to destined_to intended_for en_route_to
        order_from orders_from an_order_from avant avant_d_arriver_à avant_d_arriver_en
        before_reaching before_arriving_in antes_de_llegar_a
        à_destination_de à_destination_du à_destination_des a_destination_de destination_finale
        destinataire_final destinataire_finale destiné_à destinée_à destinés_à destinées_à
        destiné_aux destinés_aux destinées_aux destiné_au destinée_au destinés_au
        destinées_au adresse_de_livraison à_livrer_à à_livrer_chez livrer_chez chez con_destino_a
        con_destino_al destino destino_final destinatario_final destinados_a destinado_a
        в_адрес назначени*""",
    FLAG: """flagged flag_of flying_the_flag_of registered_in under_the_flag_of battant_pavillon
        sous_pavillon pavillon bandera под_флагом""",
    FOB: """fob fca exw ex_works fas franco_à_bord""",
    CIF: """cif cfr cif_port cpt cip dap dpu ddp dat c&f cnf""",
}

# --- status, speech, structure ----------------------------------------------------------------

OTHER_PHRASES: dict[str, str] = {
    NOAUTH: """without_un_approval without_approval without_committee_approval
        without_the_committee_s_approval without_the_approval_of without_prior_approval
        without_notification without_notifying without_prior_notification without_an_exemption
        without_exemption without_authorization without_authorisation without_a_licence
        without_a_license no_exemption not_notified never_notified cap_already_exceeded annual_cap_already_exceeded
        cap_already_reached cap_has_been_exceeded cap_was_exceeded above_the_cap
        exceeding_the_cap beyond_the_cap sans_dérogation sans_autorisation sans_notification
        sans_approbation sans_l_approbation sans_l_accord_du sans_exemption sans_licence
        non_notifié non_notifiée plafond_annuel_est_déjà_atteint plafond_est_déjà_atteint
        plafond_déjà_atteint plafond_annuel_déjà_atteint plafond_dépassé au_delà_du_plafond
        sin_autorización sin_notificación sin_exención sin_aprobación sin_la_aprobación
        sin_licencia tope_ya_superado límite_ya_superado límite_anual_ya_superado
        límite_ya_alcanzado без_уведомления без_разрешения без_согласования без_одобрения
        без_лицензии уже_исчерпан уже_превышен""",
    SPEECH: """said says say told tells stated states announced reported reports
        according_to claimed_that confirmed confirms confirm indicated indicates found showed
        show shows revealed reveals noted notes wrote writes added insists insisted informs
        informed suggests suggested warned explains explained declared declares argues
        a_déclaré ont_déclaré avait_déclaré déclare déclarent a_dit ont_dit dit disent selon
        d_après a_affirmé ont_affirmé affirme affirment a_indiqué ont_indiqué indique
        indiquent a_annoncé ont_annoncé annonce a_confirmé confirme a_ajouté ont_ajouté
        a_constaté ont_constaté a_révélé a_précisé certifie certifient assure assurent
        a_montré ont_montré montre montrent démontre démontrent
        explique estime estiment pensent pense according according_to_the
        según dijo dijeron afirma afirmó informó declaró asegura indica señala
        сообщает сообщил сообщила сообщили заявил заявила заявили утверждает утверждают
        по_данным по_словам согласно по_сведениям по_информации по_оценкам по_мнению""",
    HEDGE: """reportedly allegedly alleged supposedly purportedly suspected suspect suspects
        suspicion believed believes believe likely unlikely possibly possible probably may might
        could would plans plan planned planning plans_to intends intend intended intending
        wants want wanted wanting wishes wish proposes proposed proposal propose offer offered
        offers quote quotation quoted enquiry enquiries inquiry inquired asked_whether
        asking_whether asks_whether asked_if is_said_to are_said_to was_said_to were_said_to
        said_to_be is_expected_to are_expected_to expected will shall going_to charged_with
        accused_of accuses accused claims claim claimed seeking seeks sought attempt attempted
        attempting trying tried negotiating negotiations talks considering consider rumour
        rumours rumor rumors pro_forma proforma hinted hints hint apparently seemingly
        allege alleges allegation allegations unclear_whether not_clear_whether
        uncertain_whether
        aurait auraient serait seraient pourrait pourraient devrait devraient prévoit prévoyait
        prévoient prévoyaient prévu envisage envisagent envisageait envisagerait envisageraient
        projette projetait souhaite souhaitent souhaitait veut veulent voulait voudrait propose
        proposent proposé proposait présumé présumée présumés présumées soupçonné soupçonnée
        soupçonnés soupçonnées soupçonne accusé accusée accusés rumeur rumeurs prétendu
        prétendue prétendument supposé supposée probablement possiblement éventuel éventuelle
        facture_pro_forma pro_forma demande_de_prix devis offre intention_d_acheter
        habría habrían sería serían podría podrían planea planean planeaba quiere quieren
        quería supuestamente presuntamente presunto presunta posiblemente probablemente
        якобы предположительно возможно может могут могли планирует планируют планировал
        собирается собираются намерен намерены хочет хотят предлагает вероятно""",
    DENY: """denied denies deny denying denial rejected rejects dismissed dismisses refuted
        refutes never has_never have_never had_never no_intention no_plans called_the_claims
        absurd baseless unfounded false_claims démenti dément démentent démentait démentir
        nie nient niait niaient nié a_nié nier jamais n_a_jamais n_avait_jamais n_ont_jamais
        aucune_intention réfute réfuté rejette rejeté negó niega niegan negaron desmintió
        desmiente nunca jamás отрицает отрицают отрицал отрицала опроверг* никогда""",
    NEG: """not didn doesn don_t isn wasn weren hasn haven hadn won_t cannot no ne n pas non no_es not_be not_go not_to no_onward ни нет не""",
    NOTYET: """not_yet pas_encore n_étaient_pas_encore todavía_no aún_no ещё_не еще_не""",
    GENERIC: """any every all_such tout toute tous toutes cualquier cualquiera любой любая
        любые""",
    SEIZE: """seized seize seizes seizing seizure intercepted intercept saisi saisie saisis
        saisies intercepté interceptés incautó incautado incautados incautaron decomisó
        изъял изъяли изъят* задержан*""",
    NOTRADE: """test_fired test-fired test fired tested launched launches launch unveiled
        unveils displayed displays exhibited exhibition parade paraded parading desfile
        desfiles desfiló défilé défilés dévoilé
        dévoile testé tiré tirés lancé met meet meeting rencontré rencontrés réunion
        escale port_call called_at exercise exercice exercices sanctioned sanctionné
        designated entraîner entraîné entraînés entraînement training trained
        s_entraîner said_to_contain_nothing""",
    CONTEXT: """war guerre conflict conflit invasion war_in guerra depuis_dans déployés_depuis
        deployed_since desplegados_desde
        война войны payment_in paid_in payable_in paiement_à payé_à payée_à paiement_en
        pago_en pagado_en оплата_в оплата_наличными_в оплачено_в""",
    CARRIER: """cargo_ship container_ship cargo_vessel the_ship a_ship the_vessel a_vessel
        tanker the_tanker oil_tanker mv m_v navire le_navire cargo_planes cargo_plane
        pétrolier le_pétrolier buque el_buque судно танкер""",
    CONTAINS: """said_to_contain stc said_to_be said_to_weigh containing contenant
        déclaré_comme declared_as""",
    REFUSE: """refused refusé refusée declined rejected_the_order cannot_proceed
        we_cannot_proceed rechazado""",
    ANAPHOR: """this_information cette_information ces_informations ces_affirmations
        ces_accusations these_reports the_reports the_claims these_claims the_allegations
        these_allegations the_report this_report ce_rapport ces_rapports cette_affirmation
        ces_allégations such_reports esta_información estas_informaciones эту_информацию
        эти_сообщения""",
    PRONOUN: """it they he she we il elle ils elles nous lui leur ella ellos él они она он
        мы""",
    BOUNDARY: """while whereas but however meanwhile and_that but_that and_said saying adding
        though although even_though bien_que quoique aunque хотя a_charge an_accusation
        a_claim_that allegations_that une_accusation accusation_que
        ajoutant affirmant expliquant précisant diciendo tandis_que
        alors_que mais cependant toutefois et_que et_qu mientras mientras_que pero
        sin_embargo y_que а но однако тогда_как в_то_время_как and_now car because parce_que
        puisque porque""",
    EXCHANGE: """in_exchange_for en_échange_de en_échange_d a_cambio_de в_обмен_на""",
}

# The goods an extracted "it", "them" or "a small number" stands for come from the previous
# transaction; these words make a trade verb's object such a reference.
# Objects that name nothing ("buy anything from North Korea"): no goods, no reference.
NOTHING = frozenset(
    {
        "anything",
        "whatever",
        "quoi que ce soit",
        "quoi que ce soit a",
        "n importe quoi",
        "cualquier cosa",
        "что либо",
        "что нибудь",
        "nothing",
        "rien",
    }
)
OBJECT_REFERENCES = frozenset(
    {
        "it",
        "them",
        "some",
        "a small number",
        "small number",
        "a few",
        "few",
        "several",
        "ceux",
        "celles",
        "certains",
        "quelques",
        "some of them",
        "more",
        "a number",
    }
)

# --- parties ----------------------------------------------------------------------------------

# Nouns that name a party by its role; a demonym or a place next to them is that party's country.
PARTY_NOUNS: dict[str, str] = {
    # role: folded phrases
    "buyer": """buyer buyers purchaser importer importers dealer dealers client clients
        customer customers cliente acheteur acheteurs
        acheteuse importateur importateurs comprador compradores importador importadores покупател*
        импортер* заказчик*""",
    "seller": """seller sellers supplier suppliers vendor vendors exporter exporters
        businessman businessmen manufacturer producer fournisseur fournisseurs
        vendeur vendeurs exportateur exportateurs fabricant homme_d_affaires proveedor
        proveedores vendedor exportador поставщик* экспортер* shipper shippers consignor
        expéditeur expediteur chargeur remitente embarcador отправител* грузоотправител*""",
    "consignee": """consignee consignees recipient recipients destinataire destinataires
        consignatario destinatario получател* грузополучател*""",
    "end_user": """end_user end_users end-user utilisateur_final usuario_final
        конечн*_пользовател*""",
}
# Party nouns that are armed forces or state bodies: their country is the party's.
FORCE_NOUNS = words(
    """army armies military forces force navy air_force militia militias ministry government
    armée armées forces militaire militaires milice milices ministère gouvernement marine
    ejército fuerzas fuerza milicia ministerio gobierno армия армии вооруженные_силы
    министерство"""
)
# Words after a demonym that make it a vessel's or a carrier's nationality, not an origin.
CARRIER_NOUNS = words(
    """flagged registered owned operated ship ships vessel vessels tanker tankers planes plane
    aircraft cargo_ship cargo_planes navire navires pétrolier avion avions buque"""
)
# Words after a demonym that make it the origin of goods ("Chinese-made").
MADE_SUFFIXES = words("made built manufactured produced origin fabrication")
# Nouns of places: "the North Korean port of Rajin", "le port chinois de Ningbo".
PLACE_NOUNS = words(
    """port ports harbour harbor city town terminal airport station border province region
    state republic island coast plant factory warehouse refinery base cosmodrome port_of
    ville région province terminal aéroport gare frontière usine entrepôt raffinerie base
    côte puerto ciudad región aeropuerto frontera almacén порт порту город области"""
)


def _entries(table: dict[str, str]) -> list[tuple[str, str]]:
    out = []
    for kind, text in table.items():
        for phrase in text.split():
            words = phrase.replace("_", " ")
            out.append((words, kind))
            if words.endswith(" de") and " " in words:  # "en provenance d'Allemagne"
                out.append((words[:-1], kind))
    return out


def cue_entries() -> list[tuple[str, str]]:
    """(phrase, kind) for every trade word, marker and status word (phrases not yet folded)."""
    out: list[tuple[str, str]] = []
    for table in (_EN, _FR, _ES, _RU, MARKER_PHRASES, OTHER_PHRASES):
        out += _entries(table)
    return out


def party_entries() -> list[tuple[str, str]]:
    return _entries(PARTY_NOUNS)
