"""Field labels of shipping documents and remarks ("SHIPPER:", "PORT DE CHARGEMENT :",
"ПОРТ ПОГРУЗКИ:", "consignee:"), and the actors whose name gives a country and a category
(armed groups and state bodies tied to one territory, UN agencies).

A label is read as one only when a colon follows it, so "the shipper said" stays prose.
"""

from __future__ import annotations

from service.extract.text import words

EXPORTER = "exporter"
CONSIGNEE = "consignee"
END_USER = "end_user"
NOTIFY = "notify"
BUYER = "buyer"
SELLER = "seller"
LOADING = "loading"
DISCHARGE = "discharge"
FINAL = "final"
TRANSIT = "transit"
ORIGIN = "origin"
VESSEL = "vessel"
GOODS = "goods"
HS = "hs"
DATE = "date"
TERMS = "terms"
OTHER = "other"

LABELS: dict[str, str] = {
    EXPORTER: """shipper shpr exporter consignor expediteur expéditeur chargeur exportateur
        embarcador exportador remitente грузоотправитель отправитель""",
    SELLER: """seller supplier vendeur fournisseur vendedor proveedor продавец поставщик""",
    CONSIGNEE: """consignee cnee destinataire consignatario destinatario грузополучатель
        destinataire_déclaré destinataire_declare declared_consignee consignatario_declarado
        получатель ship_to deliver_to sold_to bill_to livrer_à expédier_à attn attention
        a_l_attention_de final_consignee ultimate_consignee destinataire_final
        destinataire_finale consignatario_final destinatario_final конечный_получатель""",
    BUYER: """buyer importer purchaser acheteur importateur comprador importador покупатель
        client customer cliente клиент заказчик""",
    END_USER: """end_user end-user end_users utilisateur_final usuario_final
        конечный_пользователь""",
    NOTIFY: """notify notify_party""",
    LOADING: """pol port_of_loading place_of_loading loading_port loading port_of_shipment
        place_of_receipt port_de_chargement lieu_de_chargement port_d_embarquement
        puerto_de_carga puerto_de_embarque порт_погрузки порт_отправления
        station_of_departure gare_de_depart estacion_de_salida станция_отправления""",
    DISCHARGE: """pod port_of_discharge port_of_discharging discharge_port discharge port_of_destination
        destination place_of_delivery port_de_dechargement port_de_debarquement
        puerto_de_descarga puerto_de_destino порт_выгрузки порт_разгрузки порт_назначения
        station_of_destination gare_de_destination станция_назначения delivery delivery_place
        delivery_address livraison lieu_de_livraison adresse_de_livraison entrega
        lugar_de_entrega место_доставки""",
    FINAL: """final_dest final_destination destination_finale destino_final
        place_of_final_destination конечный_пункт destino_declarado declared_destination
        destination_declaree destination_on_b_l destination_on_bl""",
    TRANSIT: """transshipment transhipment transhipment_port transit via transbordement
        transbordo транзит перевалка""",
    ORIGIN: """origin country_of_origin origine pays_d_origine origen pais_de_origen
        страна_происхождения происхождение""",
    VESSEL: """vessel vsl ship navire buque судно vessel_name nom_du_navire""",
    GOODS: """description description_of_goods goods cargo commodity marchandise
        marchandises marchandise_declaree marchandises_declarees cargaison designation
        mercancia mercancias carga груз товар наименование_груза said_to_contain stc
        declared_as_containing dit_contenir""",
    HS: """hs hs_code code_sh code_hs""",
    DATE: """shipped_on_board on_board_date date_of_shipment date_d_embarquement
        fecha_de_embarque дата_отгрузки issued_on date_of_issue emis_le emise_le embarque_le
        date_d_emission fecha_de_emision emitido_el дата_выдачи""",
    TERMS: """terms incoterms conditions""",
    OTHER: """remark remarks remarque observaciones observacion note notes примечание
        invoice_remark b_l_no b_l_n bl_no rail_waybill invoice facture""",
}


def label_entries() -> list[tuple[str, str]]:
    return [(p.replace("_", " "), kind) for kind, text in LABELS.items() for p in text.split()]


# Actors: folded name -> (country or None, party category, display name). The country is the
# territory the group holds or the State it belongs to; a company's or brand's origin is never
# inferred (Rolex, Siemens, the Wagner Group get none).
ACTORS: dict[str, tuple[str | None, str]] = {
    "houthis": ("YE", "armed_group"), "houthi": ("YE", "armed_group"),
    "houthi rebels": ("YE", "armed_group"), "ansar allah": ("YE", "armed_group"),
    "houthistes": ("YE", "armed_group"), "huties": ("YE", "armed_group"),
    "хуситы": ("YE", "armed_group"), "хуситам": ("YE", "armed_group"),
    "hezbollah": ("LB", "armed_group"), "hizbollah": ("LB", "armed_group"),
    "hizballah": ("LB", "armed_group"), "hezbola": ("LB", "armed_group"),
    "хезболла": ("LB", "armed_group"), "хезболле": ("LB", "armed_group"),
    "al shabaab": ("SO", "armed_group"), "al shabab": ("SO", "armed_group"),
    "shabaab": ("SO", "armed_group"), "shebab": ("SO", "armed_group"),
    "chabab": ("SO", "armed_group"), "chebab": ("SO", "armed_group"),
    "shebabs": ("SO", "armed_group"), "chababs": ("SO", "armed_group"),
    "chebabs": ("SO", "armed_group"), "shababs": ("SO", "armed_group"),
    "al chabab": ("SO", "armed_group"), "shabab": ("SO", "armed_group"),
    "mai mai": ("CD", "armed_group"), "maimai": ("CD", "armed_group"),
    "adf": ("CD", "armed_group"), "allied democratic forces": ("CD", "armed_group"),
    "upc": ("CF", "armed_group"), "fprc": ("CF", "armed_group"), "3r": ("CF", "armed_group"),
    "ansarallah": ("YE", "armed_group"),
    # heads of state whose names stand for their governments ("a limousine for Kim Jong Un")
    "kim jong un": ("KP", "government"), "kim jongun": ("KP", "government"),
    "kim jong il": ("KP", "government"), "ким чен ын": ("KP", "government"),
    "ким чен ыну": ("KP", "government"), "ким чен ына": ("KP", "government"),
    "vladimir putin": ("RU", "government"), "putin": ("RU", "government"),
    "poutine": ("RU", "government"), "путин": ("RU", "government"),
    "m23": ("CD", "armed_group"), "fdlr": ("CD", "armed_group"), "codeco": ("CD", "armed_group"),
    "rsf": ("SD", "armed_group"), "rapid support forces": ("SD", "armed_group"),
    "fsr": ("SD", "armed_group"), "forces de soutien rapide": ("SD", "armed_group"),
    "fuerzas de apoyo rapido": ("SD", "armed_group"), "janjaweed": ("SD", "armed_group"),
    "hamas": ("PS", "armed_group"), "taliban": ("AF", "armed_group"),
    "talibans": ("AF", "armed_group"), "anti balaka": ("CF", "armed_group"),
    "seleka": ("CF", "armed_group"), "lna": ("LY", "armed_group"),
    "libyan national army": ("LY", "armed_group"), "armee nationale libyenne": ("LY", "armed_group"),
    "anl": ("LY", "armed_group"), "haftar": ("LY", "armed_group"),
    "khalifa haftar": ("LY", "armed_group"), "viv ansanm": ("HT", "armed_group"),
    "хафтар": ("LY", "armed_group"), "хафтара": ("LY", "armed_group"),
    "хафтару": ("LY", "armed_group"), "м23": ("CD", "armed_group"),
    "wazalendo": ("CD", "armed_group"), "fardc": ("CD", "military"),
    "forces armees de la republique democratique du congo": ("CD", "military"),
    # Haftar's forces in the east of Libya are not the government's security forces
    "eastern based forces": ("LY", "armed_group"), "forces de l est": ("LY", "armed_group"),
    "forces de l est libyen": ("LY", "armed_group"),
    "g9": ("HT", "armed_group"), "400 mawozo": ("HT", "armed_group"),
    "gran grif": ("HT", "armed_group"), "5 segond": ("HT", "armed_group"),
    "village de dieu": ("HT", "armed_group"), "isil": (None, "armed_group"), "isis": (None, "armed_group"),
    "daesh": (None, "armed_group"), "al qaida": (None, "armed_group"),
    "al qaeda": (None, "armed_group"), "wagner group": (None, "company"),
    "groupe wagner": (None, "company"), "wagner": (None, "company"),
    "africa corps": ("RU", "military"), "corps africain": ("RU", "military"),
    "african corps": ("RU", "military"), "африканский корпус": ("RU", "military"),
    "африканского корпуса": ("RU", "military"), "сбр": ("SD", "armed_group"),
    "силы быстрого реагирования": ("SD", "armed_group"),
    "wfp": (None, "un_agency"), "world food programme": (None, "un_agency"),
    "world food program": (None, "un_agency"), "pam": (None, "un_agency"),
    "programme alimentaire mondial": (None, "un_agency"), "unicef": (None, "un_agency"),
    "who": (None, "un_agency"), "oms": (None, "un_agency"), "unhcr": (None, "un_agency"),
    "hcr": (None, "un_agency"), "unrwa": (None, "un_agency"), "fao": (None, "un_agency"),
    "ocha": (None, "un_agency"), "icrc": (None, "ngo"), "cicr": (None, "ngo"),
    "msf": (None, "ngo"), "medecins sans frontieres": (None, "ngo"),
    "medecins du monde": (None, "ngo"),
}  # fmt: skip
# Acronyms that are common words when not in capitals.
ACTORS_UPPER_ONLY = frozenset(
    {"who", "pam", "rsf", "anl", "lna", "fsr", "hcr", "msf", "fao", "upc", "adf", "fprc", "3r"}
)

# Head words that give a party's category.
CATEGORY_WORDS: dict[str, str] = {
    **dict.fromkeys(
        words("""army armee armees military militaire militaires navy air_force forces_armees forces
        armed_forces ejercito fuerza_armada fuerzas_armadas armada armee_de_l_air defence
        defense defensa oboron*"""),
        "military",
    ),
    **dict.fromkeys(
        words("""militia militias milice milices milicia rebels rebelles armed_group groupe_arme
        loyal loyalist loyalists fighters combattants gang gangs pandilla pandillas banda
        bandas банда банды mouvement movement movimiento coalition coalicion front frente
        brigade brigades"""),
        "armed_group",
    ),
    **dict.fromkeys(words("police gendarmerie policia полиция"), "police"),
    **dict.fromkeys(
        words("""ministry ministere ministerio government gouvernement gobierno министерство
        правительство"""),
        "government",
    ),
    **dict.fromkeys(
        words("""company companies firm societe trading corp corporation co ltd llc jsc gmbh sarl sa
        sas ag inc plc fze fzco ooo oao zao pjsc jv group industries enterprise enterprises
        empresa compania armurerie acierie usine plant factory"""),
        "company",
    ),
    **dict.fromkeys(words("bank banque banco банк"), "bank"),
}
