"""The free-text extractor: roles from verbs and markers, demonyms and ports, goods through the
real classifier, statuses, several transactions per text, documents made of fields."""

from __future__ import annotations

import pytest

from service.extract import ExtractedTransaction, Extractor
from service.goods.classifier import Classifier
from service.ruletree import load_tree


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    taxonomy = load_tree(None).taxonomy
    return Extractor(Classifier(taxonomy).classify, vocabulary=[t.text for t in taxonomy.terms])


def one(extractor: Extractor, text: str) -> ExtractedTransaction:
    [tx] = extractor.extract(text).transactions
    return tx


def route(tx: ExtractedTransaction) -> tuple[str | None, str | None, list[str]]:
    return (
        tx.origin.code if tx.origin else None,
        tx.destination.code if tx.destination else None,
        [c.code for c in tx.transit],
    )


def categories(tx: ExtractedTransaction) -> set[str]:
    return {c for g in tx.goods for c in g.categories}


def test_buying_from_makes_the_subject_the_buyer(extractor: Extractor) -> None:
    text = "Russia is buying millions of artillery shells and rockets from North Korea"
    tx = one(extractor, text)
    assert route(tx) == ("KP", "RU", [])
    assert categories(tx) == {"arms.ammunition.artillery", "arms.missiles"}
    assert tx.status == "asserted" and tx.span == (0, len(text))
    assert tx.origin is not None and tx.origin.evidence.text == "North Korea"
    assert tx.origin.evidence.span == (text.index("North Korea"), len(text))
    assert tx.goods[0].quantity_text == "millions"


def test_selling_to_makes_the_subject_the_seller_in_french(extractor: Extractor) -> None:
    tx = one(extractor, "La Corée du Nord vend des obus d'artillerie à la Russie")
    assert route(tx) == ("KP", "RU", [])
    assert categories(tx) == {"arms.ammunition.artillery"}


def test_after_acheter_the_preposition_a_introduces_the_seller(extractor: Extractor) -> None:
    # Zubaida Abdul Jalil, BBC News, 22.09.2022, as republished (the project's seed report)
    text = (
        "Des responsables américains ont déclaré que la Russie était en train d’acheter des "
        "millions de missiles et d’obus d’artillerie à la Corée du Nord pour la guerre en Ukraine."
    )
    tx = one(extractor, text)
    assert route(tx) == ("KP", "RU", [])  # the speakers (US) and the war's setting (UA) are no role


def test_nominalisations_with_a_possessor(extractor: Extractor) -> None:
    tx = one(extractor, "Pyongyang's purchases of refined petroleum from Russia rose sharply.")
    assert route(tx) == ("RU", "KP", [])
    assert categories(tx) == {"petroleum.refined"}
    tx = one(extractor, "Sur la fourniture d'armes à la Libye par la Turquie")
    assert route(tx) == ("TR", "LY", [])


def test_demonyms_on_goods_and_ports_standing_for_their_country(extractor: Extractor) -> None:
    tx = one(extractor, "Cargoes of North Korean coal were unloaded at the Chinese port of Ningbo.")
    assert route(tx) == ("KP", "CN", [])
    assert tx.origin is not None and "demonym" in tx.origin.evidence.how
    tx = one(extractor, "15 000 tonnes d'acier livrées à Nampo en provenance de Tianjin")
    assert route(tx) == ("CN", "KP", [])
    assert tx.goods[0].quantity == 15000 and tx.goods[0].unit == "t"


def test_transit_through_and_via(extractor: Extractor) -> None:
    tx = one(extractor, "Machine tools from Germany were routed via Turkey to Iran.")
    assert route(tx) == ("DE", "IR", ["TR"])
    tx = one(
        extractor,
        "Les fusils viennent de stocks bulgares et partent pour le Soudan du Sud via l'Ouganda.",
    )
    assert route(tx) == ("BG", "SS", ["UG"])


def test_russian_dative_and_spanish_conditional(extractor: Extractor) -> None:
    tx = one(extractor, "КНДР поставила России артиллерийские снаряды.")
    assert route(tx) == ("KP", "RU", [])
    tx = one(
        extractor, "Corea del Norte habría enviado millones de proyectiles de artillería a Rusia."
    )
    assert route(tx) == ("KP", "RU", []) and tx.status == "hedged"
    assert tx.status_cue is not None and tx.status_cue.text == "habría"


def test_denials_and_hedges_are_read_with_the_words_that_say_so(extractor: Extractor) -> None:
    tx = one(extractor, "North Korea said it had never exported weapons to Russia.")
    assert tx.status == "denied" and tx.status_cue is not None and "never" in tx.status_cue.text
    assert route(tx) == ("KP", "RU", [])  # "it" is North Korea
    tx = one(extractor, "Iran has reportedly delivered Shahed-136 drones to Russia.")
    assert tx.status == "hedged" and tx.status_cue is not None
    assert tx.status_cue.text == "reportedly"
    assert categories(tx) >= {"arms.military_aircraft.uav"}


def test_a_denial_and_the_claim_it_answers_are_two_transactions(extractor: Extractor) -> None:
    # Zubaida Abdul Jalil, BBC News, 22.09.2022, as republished (the project's seed report)
    text = (
        "Encore plus tôt, les États-Unis ont déclaré que la Russie avait reçu les premiers lots "
        "de drones de fabrication iranienne. L’Iran dément cette information."
    )
    claim, denial = extractor.extract(text).transactions
    assert (claim.status, denial.status) == ("asserted", "denied")
    assert route(claim) == route(denial) == ("IR", "RU", [])
    assert denial.text == "L’Iran dément cette information"
    assert "arms.military_aircraft.uav" in categories(claim)


def test_two_transactions_in_one_sentence_each_with_its_span(extractor: Extractor) -> None:
    text = (
        "Russia delivered 100,000 tonnes of wheat to Syria, while Iran shipped two cargoes of "
        "crude oil to Baniyas."
    )
    wheat, oil = extractor.extract(text).transactions
    assert route(wheat) == ("RU", "SY", []) and route(oil) == ("IR", "SY", [])
    assert text[slice(*wheat.span)].startswith("Russia delivered")
    assert text[slice(*oil.span)].startswith("Iran shipped")
    assert wheat.goods[0].quantity == 100_000 and wheat.goods[0].unit == "t"


def test_a_bill_of_lading_read_field_by_field(extractor: Extractor) -> None:
    text = (
        "SHIPPER: DALIAN OCEAN TRADING CO, DALIAN\n"
        "CONSIGNEE: CHOLSAN GENERAL TRADING, PYONGYANG\n"
        "POL: DALIAN CN\nPOD: NAMPO DPRK\nVESSEL: MV SAEBYOL\n"
        "CARGO: 650 000 BARRELS GAS OIL HS 271019"
    )
    tx = one(extractor, text)
    assert route(tx) == ("CN", "KP", [])
    assert tx.vessel is not None and tx.vessel.text == "SAEBYOL"
    assert [(p.role, p.name) for p in tx.parties] == [
        ("exporter", "DALIAN OCEAN TRADING CO"),
        ("consignee", "CHOLSAN GENERAL TRADING"),
    ]
    [line] = tx.goods
    assert (line.quantity, line.unit, line.hs_code) == (650_000, "bbl", "271019")
    assert "petroleum.refined.diesel" in line.categories


def test_a_final_destination_makes_the_port_of_discharge_a_transit(extractor: Extractor) -> None:
    text = "POL: GENOA IT\nPOD: DALIAN CN\nFINAL DEST: WONSAN DPRK\n1 UNIT MOTOR YACHT 34M"
    tx = one(extractor, text)
    assert route(tx) == ("IT", "KP", ["CN"])
    assert "luxury.yachts" in categories(tx)


def test_misspellings_of_places_and_goods(extractor: Extractor) -> None:
    tx = one(extractor, "Noth Korea is suspected of selling ballistic misiles to Syria.")
    assert route(tx) == ("KP", "SY", []) and categories(tx) == {"arms.missiles"}
    tx = one(extractor, "Hydraulic excavaters were shipped from Dalian to Pyongyan.")
    assert route(tx) == ("CN", "KP", []) and categories(tx) == {"machinery"}
    assert tx.goods[0].notes == ("read 'excavaters' as 'excavator'",)


def test_korea_alone_is_ambiguous(extractor: Extractor) -> None:
    tx = one(extractor, "Shipment of 20 t of steel pipes from Vietnam to Korea.")
    assert tx.destination is not None and set(
        (tx.destination.code, *tx.destination.alternatives)
    ) == {
        "KR",
        "KP",
    }
    assert tx.ambiguities


def test_a_country_whose_role_is_not_given_stays_unresolved(extractor: Extractor) -> None:
    tx = one(extractor, "Remark: 40 crates of rifles, Libya.")
    assert tx.origin is None and tx.destination is None
    assert [u.code for u in tx.unresolved] == ["LY"] and tx.ambiguities


def test_narratives_and_general_statements_describe_no_transaction(extractor: Extractor) -> None:
    for text in (
        "Kim Jong Un met Vladimir Putin at the Vostochny cosmodrome on Wednesday.",
        "North Korea test-fired a Hwasong-18 missile into the sea.",
        "Tout accord d’achat d’armes à la Corée du Nord est une violation des résolutions.",
    ):
        read = extractor.extract(text)
        assert read.transactions == (), text
        # no goods left unread ("cosmodrome" is a word the extractor does not know, though)
        assert not any("goods" in e.how for e in read.not_understood), text


def test_each_clause_of_a_text_describing_no_trade_says_why(extractor: Extractor) -> None:
    read = extractor.extract(
        "Kim Jong Un met Vladimir Putin in Vladivostok, but neither side announced any arms deal."
    )
    assert read.transactions == () and read.not_understood == ()
    hows = [e.how for e in read.no_trade]
    assert hows == [
        "a verb or noun of no trade: 'met'",
        "a general statement, not a transaction: 'any'",
    ]
    assert read.no_trade[0].text == "Kim Jong Un met Vladimir Putin in Vladivostok"


def test_inflected_words_of_the_word_list_are_known(extractor: Extractor) -> None:
    read = extractor.extract("La Corée du Nord a organisé un défilé où figuraient des missiles.")
    assert read.no_trade and read.not_understood == ()


def test_no_trade_is_not_read_when_a_word_is_unknown_or_goods_have_no_trade_word(
    extractor: Extractor,
) -> None:
    for text, how in (
        ("Kim Jong Un met Putin; the sides agreed to swop shels.", "does not know"),
        ("Pyongyang replenishes the Russian ammunition stocks.", "goods named"),
    ):
        read = extractor.extract(text)
        assert read.transactions == () and read.no_trade == (), text
        assert any(how in e.how for e in read.not_understood), (text, read.not_understood)


def test_goods_with_nothing_around_them_are_reported_not_understood(extractor: Extractor) -> None:
    read = extractor.extract("Artillery shells, 2 pallets.")
    assert read.transactions == ()
    assert read.not_understood and "no transaction" in read.not_understood[0].how


def test_the_structured_transaction_is_the_section_3_1_shape(extractor: Extractor) -> None:
    tx = one(extractor, "Le 2 juillet 2019, la Russie a livré 4 000 tonnes de riz à Nampo.")
    assert tx.to_transaction() == {
        "type": "goods",
        "description": tx.text,
        "date": "2019-07-02",
        "route": {"origin": "RU", "destination": "KP"},
        "goods": [{"description": "4 000 tonnes de riz", "quantity": 4000.0, "unit": "t"}],
    }
    fields = {f["field"]: f for f in tx.fields()}
    assert fields["route.destination"]["text"] == "Nampo"
    assert fields["date"]["value"] == "2019-07-02"


def test_a_dative_pronoun_before_a_verb_of_selling_receives(extractor: Extractor) -> None:
    text = (
        "La Corée du Nord exporte du sable vers la Chine, tandis que Pékin lui fournit des engrais."
    )
    first, second = extractor.extract(text).transactions
    assert route(first) == ("KP", "CN", [])
    assert route(second) == ("CN", "KP", [])
    assert "lui" in second.destination.evidence.how  # type: ignore[union-attr]


def test_a_dative_pronoun_with_no_one_named_before_gives_no_destination(
    extractor: Extractor,
) -> None:
    tx = one(extractor, "La Russie lui vend des fusils.")
    assert route(tx) == ("RU", None, [])


def test_a_common_place_name_starting_a_company_name_is_no_place(extractor: Extractor) -> None:
    text = "3 montres Patek Philippe, à livrer chez Sunrise Trading à Dandong, destinataire final à Pyongyang."
    tx = one(extractor, text)
    assert tx.to_transaction()["route"] == {"destination": "KP", "transit": ["CN"]}
    assert [(p.name, p.country.code if p.country else None) for p in tx.parties] == [
        ("Sunrise Trading", "CN")
    ]


def test_a_common_place_name_not_followed_by_a_company_word_is_a_place(
    extractor: Extractor,
) -> None:
    tx = one(extractor, "Ship 20 t of rice to Golden, Colorado.")
    assert route(tx) == (None, "US", [])
    # and a company named after a city that is no common word keeps its country
    tx = one(extractor, "Pyongyang Trading Corp bought 5 t of rice from Dalian.")
    assert route(tx) == ("CN", "KP", [])


def test_goods_words_with_letters_out_of_order_are_read(extractor: Extractor) -> None:
    tx = one(extractor, "POL: GENOA IT / FINAL DEST: WONSAN DPRK / 1 UNIT MOTOR YATCH 34M")
    assert "luxury.yachts" in categories(tx)
    assert tx.goods[0].notes == ("read 'YATCH' as 'yacht'",)


def test_a_word_two_edits_away_that_is_no_reordering_is_not_corrected(
    extractor: Extractor,
) -> None:
    read = extractor.extract("POL: GENOA IT / FINAL DEST: WONSAN DPRK / 1 UNIT MOTOR YOTCH 34M")
    assert not any(categories(tx) for tx in read.transactions)
    assert not any(g.notes for tx in read.transactions for g in tx.goods)


def test_where_a_party_is_established_is_no_destination(extractor: Extractor) -> None:
    text = "L’expéditeur est établi à Minsk mais les 2 000 pneus partent d’Anvers pour Lagos."
    tx = one(extractor, text)
    assert route(tx) == ("BE", "NG", [])
    assert [u.code for u in tx.unresolved] == ["BY"]  # screened in every role, not dropped


def test_a_place_after_a_marker_of_destination_stays_the_destination(
    extractor: Extractor,
) -> None:
    tx = one(extractor, "Les 2 000 pneus partent d’Anvers à destination de Minsk.")
    assert route(tx) == ("BE", "BY", [])
    tx = one(extractor, "The exporter shipped 2,000 tyres from Antwerp to Minsk.")
    assert route(tx) == ("BE", "BY", [])


@pytest.mark.parametrize(
    "text",
    [
        "North Korea sold coal to China and bought refined petroleum from Russia.",
        "La Corée du Nord vend du charbon à la Chine et achète du pétrole à la Russie.",
    ],
)
def test_a_second_verb_of_trade_after_and_is_a_second_transaction(
    extractor: Extractor, text: str
) -> None:
    first, second = extractor.extract(text).transactions
    assert route(first) == ("KP", "CN", [])
    assert route(second) == ("RU", "KP", [])  # the subject left out is North Korea
    assert categories(first) == {"minerals.coal"}
    assert "petroleum.refined" in categories(second) or "petroleum" in categories(second)


def test_two_verbs_joined_on_one_object_are_one_transaction(extractor: Extractor) -> None:
    tx = one(extractor, "Russia bought and resold 500 shells from North Korea.")
    assert route(tx) == ("KP", "RU", [])


@pytest.mark.parametrize(
    ("text", "goods"),
    [
        (
            "North Korean artillery shells were delivered to Russia.",
            "North Korean artillery shells",
        ),
        ("Des obus nord-coréens ont été livrés à la Russie.", "Des obus nord-coréens"),
        ("Los drones iraníes fueron enviados a Rusia.", "Los drones iraníes"),
    ],
)
def test_passives_read_the_subject_as_goods_without_the_auxiliary(
    extractor: Extractor, text: str, goods: str
) -> None:
    tx = one(extractor, text)
    assert tx.origin is not None and tx.destination is not None
    assert [g.text for g in tx.goods] == [goods]


def test_goods_words_at_the_end_of_a_subject_are_kept(extractor: Extractor) -> None:
    tx = one(extractor, "Spare parts for aircraft were shipped from Dubai to Tehran.")
    assert [g.text for g in tx.goods] == ["Spare parts for aircraft"]


def test_parts_of_a_conveyance_are_goods(extractor: Extractor) -> None:
    tx = one(extractor, "Aircraft parts were shipped from Dubai to Tehran.")
    assert route(tx) == ("AE", "IR", [])
    assert categories(tx) == {"transport.aircraft.parts"}


def test_the_receiving_vessel_is_still_no_goods(extractor: Extractor) -> None:
    tx = one(extractor, "Diesel was transferred to a North Korean vessel at sea.")
    assert [g.text for g in tx.goods] == ["Diesel"]


def test_a_misspelt_second_word_of_a_country_name_is_read(extractor: Extractor) -> None:
    tx = one(extractor, "Russia purchased millions of rockets from North Corea.")
    assert route(tx) == ("KP", "RU", [])  # not the port of North, US


def test_an_exact_name_of_several_words_is_not_corrected(extractor: Extractor) -> None:
    tx = one(extractor, "Cars from North Dakota to Canada.")
    assert route(tx) == ("US", "CA", [])


def test_got_is_a_verb_of_buying(extractor: Extractor) -> None:
    tx = one(extractor, "Hezbollah got rockets from Iran via Syria.")
    assert route(tx) == ("IR", "LB", ["SY"])


def test_got_with_no_goods_is_no_transaction(extractor: Extractor) -> None:
    assert extractor.extract("He got to Tehran by plane.").transactions == ()


@pytest.mark.parametrize(
    "text",
    [
        "Belarusian trucks were exported to North Korea.",
        "Des camions biélorusses ont été livrés à la Corée du Nord.",
    ],
)
def test_conveyances_subject_of_a_passive_verb_of_trade_are_goods(
    extractor: Extractor, text: str
) -> None:
    tx = one(extractor, text)
    assert route(tx) == ("BY", "KP", [])
    assert "transport.road" in categories(tx) or "transport" in categories(tx)


def test_goods_with_a_demonym_and_a_lowercase_company_word_are_no_company(
    extractor: Extractor,
) -> None:
    tx = one(extractor, "El buque descargó petróleo iraní en Latakia, Siria.")
    assert route(tx) == ("IR", "SY", [])
    tx = one(extractor, "The tanker unloaded 5,000 t of Iranian oil at Latakia.")
    assert tx.parties == () and route(tx) == ("IR", "SY", [])


def test_a_capitalised_company_word_makes_a_company(extractor: Extractor) -> None:
    tx = one(extractor, "Al-Hilal Oil, Benghazi, bought 300 rifles from Serbia.")
    assert [p.name for p in tx.parties] == ["Al-Hilal Oil"]


def test_the_agent_of_a_passive_verb_of_selling_is_the_origin(extractor: Extractor) -> None:
    tx = one(extractor, "The 3 helicopters sold by Belarus went to Juba.")
    assert route(tx) == ("BY", "SS", [])


def test_a_place_after_by_with_a_verb_of_movement_is_on_the_way(extractor: Extractor) -> None:
    tx = one(extractor, "The 3 helicopters were flown by Belarus to Juba.")
    assert route(tx) == (None, "SS", ["BY"])


def test_a_port_word_in_russian_stands_between_the_marker_and_the_place(
    extractor: Extractor,
) -> None:
    tx = one(extractor, "Северокорейский уголь был выгружен в порту Находка.")
    assert route(tx) == ("KP", "RU", [])


@pytest.mark.parametrize(
    "text",
    [
        "US officials allege that Iran supplied missiles to Russia.",
        "It is unclear whether Iran delivered drones to Sudan.",
    ],
)
def test_allegations_and_open_questions_are_hedged(extractor: Extractor, text: str) -> None:
    assert one(extractor, text).status == "hedged"


def test_a_statement_that_names_its_source_is_still_asserted(extractor: Extractor) -> None:
    tx = one(extractor, "Iran supplied missiles to Russia, US officials said.")
    assert tx.status == "asserted"


def test_a_place_right_after_a_verb_of_arrival_is_the_destination(extractor: Extractor) -> None:
    tx = one(extractor, "Trucks carried by rail via Kazakhstan reached Tehran.")
    assert route(tx) == (None, "IR", ["KZ"])


def test_a_demonym_after_a_verb_of_arrival_is_no_destination(extractor: Extractor) -> None:
    tx = one(extractor, "North Korean coal reached the Chinese market.")
    assert route(tx) == ("KP", None, [])


def test_goods_after_with_following_a_verb_of_supplying_are_read_unclassified(
    extractor: Extractor,
) -> None:
    tx = one(extractor, "Russia supplied the Syrian army with spare parts.")
    assert route(tx) == ("RU", "SY", []) and [g.text for g in tx.goods] == ["spare parts"]


def test_with_after_the_goods_adds_no_goods(extractor: Extractor) -> None:
    tx = one(extractor, "Iran sold drones to Russia with an instruction manual.")
    assert [g.text for g in tx.goods] == ["drones"]


@pytest.mark.parametrize(
    "text",
    [
        "Des vêtements confectionnés en Corée du Nrod ont été vendus en Chine.",
        "Pantalones hechos en Corea del Norte vendidos en China.",
        "Jackets sewn in North Korea were sold in China.",
    ],
)
def test_where_goods_were_made_is_their_origin(extractor: Extractor, text: str) -> None:
    assert route(one(extractor, text)) == ("KP", "CN", [])


def test_a_short_country_word_with_two_letters_swapped_is_still_read(extractor: Extractor) -> None:
    assert route(one(extractor, "La Corée du Sud achète du riz."))[1] == "KR"
    assert route(one(extractor, "La Corée du Nrod achète du riz."))[1] == "KP"


def test_the_cargo_named_again_comes_from_where_it_was_loaded(extractor: Extractor) -> None:
    text = (
        "Satellite images show the cargo ship Angara loading containers at the North Korean "
        "port of Rajin; analysts say the cargo is likely artillery ammunition bound for Russia."
    )
    txs = extractor.extract(text).transactions
    arms = [tx for tx in txs if "arms.ammunition.artillery" in categories(tx)]
    assert [route(tx)[:2] for tx in arms] == [("KP", "RU")]
    assert not any("transport.aircraft" in categories(tx) for tx in txs)  # satellite images


def test_goods_loaded_at_a_port_come_from_it(extractor: Extractor) -> None:
    tx = one(extractor, "Le navire aurait chargé 5 000 t de charbon à Nampo pour un port chinois.")
    assert route(tx) == ("KP", "CN", []) and tx.status == "hedged"


def test_a_vessel_and_its_cargo_in_one_run_of_words(extractor: Extractor) -> None:
    text = "Vessel Hai Hung 1 listed as carrier for the 9,000 t of anthracite from Nampo."
    tx = one(extractor, text)
    assert tx.vessel is not None and tx.vessel.text == "Hai Hung 1"
    assert route(tx)[0] == "KP" and "minerals.coal" in categories(tx)


def test_a_make_and_model_are_goods_not_a_city_and_a_verb(extractor: Extractor) -> None:
    # Toyota is a city and "land" a verb of arrival; "Toyota Land Cruisers" is neither
    text = "Checked the order again: 4 armoured Toyota Land Cruisers for the interior ministry in Tripoli."
    txs = extractor.extract(text).transactions
    assert any("arms.armoured_vehicles" in categories(tx) for tx in txs)
    assert all("JP" not in tx.countries() for tx in txs)
    # a headline in title case keeps its verbs
    assert route(one(extractor, "Russia Buys Artillery Shells From North Korea")) == (
        "KP",
        "RU",
        [],
    )


def test_a_news_agency_is_not_a_press(extractor: Extractor) -> None:
    text = (
        "Jeudi, l'agence de presse nord-coréenne a publié une déclaration : « Nous n'avons "
        "jamais exporté d'armes vers la Russie »."
    )
    txs = extractor.extract(text).transactions
    assert [tx.status for tx in txs] == ["denied"]


def test_a_named_group_supplied_gives_the_destination(extractor: Extractor) -> None:
    text = (
        "Les Émirats arabes unis ont fourni des drones Wing Loong II aux forces du maréchal Haftar."
    )
    assert route(one(extractor, text))[:2] == ("AE", "LY")
    text = (
        "Aviones rusos entregaron cazas MiG-29 a las fuerzas de Jalifa Haftar en el este de Libia."
    )
    assert route(one(extractor, text))[1] == "LY"  # "Jalifa" is no misspelt town


def test_approx_ends_no_sentence_and_discharge_and_loading_ports(extractor: Extractor) -> None:
    tx = one(
        extractor, "MV discharged approx. 3,200 t diesel at Chongjin, loaded Vladivostok 02/11."
    )
    assert route(tx) == ("RU", "KP", [])


def test_transhipment_in_french_is_a_stop_on_the_way(extractor: Extractor) -> None:
    text = (
        "Conteneur de 2 motoneiges, destinataire final à Pyongyang, transbordement prévu à Dalian."
    )
    assert route(one(extractor, text)) == (None, "KP", ["CN"])


def test_the_real_origin_corrects_the_labelled_one(extractor: Extractor) -> None:
    text = (
        "Lot de 20 t de crabes congelés étiqueté origine Russie ; provenance réelle Rason (RPDC)."
    )
    assert route(one(extractor, text))[0] == "KP"


def test_a_french_don_is_a_gift_not_a_negation(extractor: Extractor) -> None:
    text = "40 fauteuils roulants, don du CICR, livraison à l'hôpital de Hamhung."
    assert one(extractor, text).status == "asserted"
    assert one(extractor, "We don't sell rifles to Libya.").status == "denied"


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Interception à Uvira : 40 caisses de munitions destinées à des miliciens Maï-Maï.", "CD"),
        ("Des composants d'engins explosifs expédiés du Yémen avant d'atteindre les Chabab.", "SO"),
        ("Les Émirats arabes unis ont fourni des drones aux forces du maréchal Haftar.", "LY"),
    ],
)
def test_an_armed_group_named_where_the_goods_go_receives_them(
    extractor: Extractor, text: str, country: str
) -> None:
    tx = one(extractor, text)
    groups = [p for p in tx.parties if p.category == "armed_group"]
    assert groups and groups[0].role == "consignee" and groups[0].country.code == country


def test_a_head_of_state_is_no_town(extractor: Extractor) -> None:
    # Kim is also a town in India; "to Kim Jong Un" is North Korea's leader
    tx = one(extractor, "Russia sold rifles to Kim Jong Un's army.")
    assert route(tx) == ("RU", "KP", [])
    tx = one(extractor, "Coal loaded at Nampo Port for Lianyungang.")
    assert route(tx) == ("KP", "CN", [])  # a port's name before "Port" stays the port


def test_where_goods_were_seized_or_opened_is_where_they_went(extractor: Extractor) -> None:
    assert (
        route(one(extractor, "Interception à Uvira : 40 caisses de munitions de 12,7 mm."))[1]
        == "CD"
    )


def test_a_container_number_is_no_goods_and_its_port_is_the_destination(
    extractor: Extractor,
) -> None:
    text = (
        "Container MSKU 7781204 opened at Port-au-Prince: 45 pistols, 12 AR-15 rifles and "
        "8,000 rounds hidden in used clothing bales, loaded Miami."
    )
    tx = one(extractor, text)
    assert route(tx)[:2] == ("US", "HT") and "arms.small_arms" in categories(tx)


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "SHPR: SAKHA FOODS LLC, NOVOROSSIYSK / CNEE: BENGHAZI MILLS / 30,000 MT MILLING WHEAT"
            " / VSL: MV VOLGA-BALT 212",
            ("RU", "LY"),
        ),
        (
            "B/L NO. NKP-2291 / SHIPPER: KOREA RUNGRADO GEN. TRDG CORP, PYONGYANG / CONSIGNEE: TO"
            " ORDER, VOSTOCHNY / VSL: MV SONG HAE 7 / 312 CRATES 122MM ROUNDS",
            ("KP", "RU"),
        ),
        (
            "CONNAISSEMENT N° DKR-4410 — CHARGEUR : SOCOCIM INDUSTRIES, DAKAR — DESTINATAIRE :"
            " BAMAKO BTP SARL — 600 T CIMENT PORTLAND EN SACS",
            ("SN", "ML"),
        ),
    ],
)
def test_bill_of_lading_fields_split_at_slashes_and_dashes(
    extractor: Extractor, text: str, want: tuple[str, str]
) -> None:
    tx = one(extractor, text)
    assert route(tx)[:2] == want and tx.goods


def test_russian_place_names_in_other_cases_and_dprk_ports(extractor: Extractor) -> None:
    text = (
        "Акт досмотра: в контейнере, следующем из Бандар-Аббаса в Астрахань, выявлены 30 ящиков"
        " с частями БПЛА «Мохаджер-6»."
    )
    tx = one(extractor, text)
    assert route(tx)[:2] == ("IR", "RU") and "arms.military_aircraft.uav" in categories(tx)
    text = "Т/х «Марияна» принял в порту Наджин 1 500 контейнеров с артиллерийскими боеприпасами."
    assert route(one(extractor, text))[0] == "KP"


def test_a_receiving_vessel_after_its_noun_and_a_customer_field(extractor: Extractor) -> None:
    assert (
        route(one(extractor, "Le pétrolier a transféré du gazole à un navire nord-coréen."))[1]
        == "KP"
    )
    text = "Fact. n° 3391 – 40 montres Omega, client : « Maison Koryo », Pyongyang. Exp. par Vladivostok."
    assert route(one(extractor, text))[1] == "KP"


def test_a_documents_later_line_naming_goods_belongs_to_its_shipment(extractor: Extractor) -> None:
    text = (
        "BL KIS-0934. Shipper: Kismayo Charcoal Traders. Consignee: Gulf Fuel & Barbecue LLC, "
        "Sharjah. Desc: 14,000 bags 'acacia wood chips'. Note: sampling shows charcoal."
    )
    tx = one(extractor, text)
    assert route(tx)[:2] == ("SO", "AE") and "charcoal" in categories(tx)


def test_a_denial_then_what_experts_say_in_russian_and_conflict_regions(
    extractor: Extractor,
) -> None:
    text = (
        "Кремль опроверг поставки оружия в Ливию, однако эксперты ООН утверждают, что "
        "«Африканский корпус» доставил бронетехнику силам Хафтара."
    )
    txs = extractor.extract(text).transactions
    assert [tx.status for tx in txs] == ["denied", "asserted"]
    assert route(txs[1])[1] == "LY" and "arms.armoured_vehicles" in categories(txs[1])
    text = "Rwandan troops delivered mortars to the group in North Kivu."
    assert route(one(extractor, text))[1] == "CD"  # not North, a town in the United States


def test_a_weapons_designation_and_the_crews_nationality_are_no_route(extractor: Extractor) -> None:
    text = (
        "Found 900 AK-type rifles and components for Quds-1 cruise missiles. Crew "
        "(Yemeni/Pakistani) state cargo loaded at Jask, Iran, destined Houthi forces."
    )
    txs = extractor.extract(text).transactions
    assert all("IL" not in tx.countries() and "PK" not in tx.countries() for tx in txs)
    assert any(route(tx)[:2] == ("IR", "YE") for tx in txs)


def test_an_armed_group_in_an_attention_field_and_a_buyer_taking_delivery(
    extractor: Extractor,
) -> None:
    text = (
        "CONSIGNEE: WITHHELD / FINAL DEST: BRIA, CENTRAL AFRICAN REPUBLIC / CARGO: 5,000 RDS "
        "7.62X39 AMMUNITION / ATTN: UPC LOGISTICS CELL"
    )
    tx = one(extractor, text)
    assert any(p.category == "armed_group" and p.role == "consignee" for p in tx.parties)
    text = "The Congolese army has taken delivery of Chinese CH-4 combat drones."
    assert route(one(extractor, text))[:2] == ("CN", "CD")  # CH-4 is a drone, not Switzerland


def test_a_persons_name_after_a_title_holds_no_place(extractor: Extractor) -> None:
    text = "6 motos de nieve Ski-Doo, cliente Sr. Kim Yong Nam, entrega en Sinŭiju, vía Dandong."
    assert route(one(extractor, text))[1:] == ("KP", ["CN"])  # "Nam" is not Namibia
    text = "Mr. Abdulrahman Al-Qahtani arranged 4x Toyota Land Cruiser 300 to Nampho."
    tx = one(extractor, text)
    assert route(tx)[1] == "KP" and "transport.road" in categories(tx)


def test_an_elided_article_is_no_quote_and_a_comma_after_co_goes_on(extractor: Extractor) -> None:
    # "L'Irak" is Iraq itself, not a country named in quotes
    assert route(one(extractor, "L'Irak a reçu des camions de Turquie.")) == ("TR", "IQ", [])
    # "Trading Co., Pyongyang": the consignee's town is in the same sentence
    tx = one(
        extractor,
        "Inv. 2291/B - 18 pcs Swiss wristwatches, consignee Kwangbok Trading Co., Pyongyang; "
        "goods to be forwarded from Shenyang by road.",
    )
    assert tx.destination is not None and tx.destination.code == "KP"
    [consignee] = [p for p in tx.parties if p.role == "consignee"]
    assert consignee.country is not None and consignee.country.code == "KP"


def test_where_a_truck_is_registered_is_not_where_the_goods_go(extractor: Extractor) -> None:
    tx = one(
        extractor,
        "Camion-citerne immatriculé à Hunchun : 40 t de kérosène livrées à l'aéroport de "
        "Sunan (Pyongyang).",
    )
    assert tx.destination is not None and tx.destination.code == "KP"
    assert "CN" not in {c.code for c in tx.transit}


def test_an_airport_the_reports_name_is_in_its_country(extractor: Extractor) -> None:
    # "Benina" is also a name of Benin in another language; the airport is Benghazi's
    tx = one(extractor, "Cargo flights from Minsk carried mortar rounds to Benina airport.")
    assert route(tx) == ("BY", "LY", [])


@pytest.mark.parametrize(
    "text",
    [
        "Putin gifted Kim Jong Un an Aurus Senat limousine.",
        "Владимир Путин подарил Ким Чен Ыну автомобиль Aurus Senat.",
    ],
)
def test_a_gift_is_a_supply_and_a_head_of_state_receives_it(
    extractor: Extractor, text: str
) -> None:
    assert route(one(extractor, text)) == ("RU", "KP", [])


def test_near_a_town_after_looted_from_is_the_origin(extractor: Extractor) -> None:
    tx = one(
        extractor,
        "A cuneiform clay tablet looted from an archaeological site near Nasiriyah was offered "
        "for sale.",
    )
    assert tx.origin is not None and tx.origin.code == "IQ"


def test_trucks_hauling_goods_after_while_are_a_second_transaction(extractor: Extractor) -> None:
    text = (
        "India shipped 12,000 tonnes of rice to North Korea, while Chinese trucks hauled some "
        "300 tonnes of steel rebar to Sinuiju."
    )
    rice, rebar = extractor.extract(text).transactions
    assert route(rice) == ("IN", "KP", [])
    assert rebar.destination is not None and rebar.destination.code == "KP"
    assert "metals.iron_steel" in categories(rebar)


def test_a_misspelt_french_anti_tank_missile_by_its_name(extractor: Extractor) -> None:
    tx = one(extractor, "Moscou a acheté à Pyongyang des centaines de missils antichars Bulsae-4.")
    assert route(tx) == ("KP", "RU", [])
    assert "arms.missiles" in categories(tx)


def test_a_howitzer_by_its_name(extractor: Extractor) -> None:
    tx = one(extractor, "La France a livré à l'Arménie six canons Caesar supplémentaires.")
    assert route(tx) == ("FR", "AM", [])
    assert "arms.artillery" in categories(tx)


def test_a_counted_line_after_the_last_field_of_a_bill_of_lading_is_its_goods(
    extractor: Extractor,
) -> None:
    tx = one(
        extractor,
        "EMBARCADOR: CERÁMICAS DEL MEDITERRÁNEO S.L., VALENCIA, ESPAÑA / CONSIGNATARIO: "
        "DISTRIBUIDORA ANDINA S.A.S., CARTAGENA, COLOMBIA / BUQUE: MAERSK CAMPTON / 20 "
        "CONTENEDORES DE AZULEJOS ESMALTADOS HS 690721",
    )
    assert route(tx) == ("ES", "CO", [])
    [line] = tx.goods
    assert line.hs_code == "690721" and "AZULEJOS" in line.text


def test_how_goods_travel_is_not_goods(extractor: Extractor) -> None:
    # "by rail" was read as rails (metals) bound for the DPRK
    tx = one(
        extractor,
        "Consignment of 600 kg oral rehydration salts, consigned by UNICEF Copenhagen to UNICEF "
        "Pyongyang, routed by rail via Dandong.",
    )
    assert all("rail" not in g.text for g in tx.goods)
    assert not any(c.startswith("metals") for c in categories(tx))


def test_logs_cut_in_a_country_come_from_it_and_entering_a_province_is_arriving(
    extractor: Extractor,
) -> None:
    tx = one(extractor, "14 trucks with pine logs cut in North Korea entered Jilin.")
    assert tx.origin is not None and tx.origin.code == "KP"
    assert tx.destination is not None and tx.destination.code == "CN"


@pytest.mark.parametrize(
    "text",
    [
        "Les 200 gilets pare-balles sont destinés à un acheteur à Tripoli, et non à Tunis.",
        "The 200 rifles are for a buyer in Tripoli, and not for Tunis.",
    ],
)
def test_and_not_to_a_place_sets_it_aside_and_denies_nothing(
    extractor: Extractor, text: str
) -> None:
    tx = one(extractor, text)
    assert tx.status == "asserted"
    assert route(tx) == (None, "LY", [])


def test_a_plain_not_before_the_verb_still_denies(extractor: Extractor) -> None:
    assert one(extractor, "The rifles were not sold to Libya.").status == "denied"


def test_french_sand_is_no_sable_fur_and_produits_de_la_mer_are_seafood(
    extractor: Extractor,
) -> None:
    tx = one(
        extractor, "La Corée du Nord exporte du sable et des produits de la mer vers la Chine."
    )
    assert route(tx) == ("KP", "CN", [])
    assert {"earth_stone", "seafood"} <= categories(tx)
    assert not any(c.startswith("luxury") for c in categories(tx))


def test_a_use_written_after_the_goods_in_a_cargo_field_qualifies_them(
    extractor: Extractor,
) -> None:
    tx = one(
        extractor,
        "SHIPPER: IRAN ELECTRONICS INDUSTRIES / POL: BANDAR ABBAS / POD: LATAKIA SY / CARGO: "
        "RADAR SPARE PARTS, MILITARY USE, 14 CRATES",
    )
    assert "arms.military_equipment" in categories(tx)
    assert all(p.name != "MILITARY USE" for p in tx.parties)


def test_a_port_of_loading_after_a_stated_origin_is_on_the_way(extractor: Extractor) -> None:
    tx = one(
        extractor,
        "1 200 t de charbon anthracite, origine Russie, chargé au port de Rajin pour Ningbo.",
    )
    assert route(tx) == ("RU", "CN", ["KP"])


def test_made_in_a_country_outweighs_the_port_it_was_shipped_from(extractor: Extractor) -> None:
    tx = one(
        extractor,
        "Consignment of garments from Dandong to Bremerhaven; label check shows made in DPRK.",
    )
    assert route(tx) == ("KP", "DE", ["CN"])


def test_a_real_origin_corrects_the_labelled_one_which_is_no_transit(extractor: Extractor) -> None:
    tx = one(
        extractor,
        "Lot de 20 t de crabes congelés étiqueté origine Russie ; provenance réelle Rason (RPDC).",
    )
    assert route(tx) == ("KP", None, [])


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Caisses de munitions de 12,7 mm à destination de Benghazi. Expéditeur à Alexandrie.",
         ("EG", "LY", [])),
        ("Станки токарные с ЧПУ, 4 ед., покупатель в Синыйджу, оплата наличными в Даньдуне.",
         (None, "KP", [])),
    ],
)  # fmt: skip
def test_where_the_shipper_or_buyer_is_and_where_payment_is_made(
    extractor: Extractor, text: str, expected: tuple[str | None, str | None, list[str]]
) -> None:
    tx = extractor.extract(text).transactions[0]
    assert route(tx) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Exporter in Busan declares 3 sedans for a buyer in Dandong, but the agent's email says "
        "the final stop is Sinuiju.",
        "El comprador en Shenyang pide 2 yates de recreo, entrega final en Wonsan.",
    ],
)
def test_a_final_stop_named_in_prose_is_the_destination(extractor: Extractor, text: str) -> None:
    tx = one(extractor, text)
    assert tx.destination is not None and tx.destination.code == "KP"


def test_a_country_in_a_quoted_label_is_not_the_origin(extractor: Extractor) -> None:
    tx = one(
        extractor,
        "Des textiles nord-coréens, étiquetés « made in China », auraient été expédiés de Dandong.",
    )
    assert tx.origin is not None and tx.origin.code == "KP"


def test_goods_named_only_to_say_there_are_none(extractor: Extractor) -> None:
    tx = one(
        extractor, "Le PAM achemine 3 000 t de farine vers Bangui, pas d'arme dans le manifeste."
    )
    assert categories(tx) == {"food"}


def test_a_consignee_address_then_via_and_a_firm_opening_with_ets(extractor: Extractor) -> None:
    tx = one(
        extractor,
        "Chargeur : Rosoboronexport, Novorossiïsk. Destinataire : Forces armées centrafricaines, "
        "Bangui, via Douala. 20 véhicules blindés légers.",
    )
    assert route(tx) == ("RU", "CF", ["CM"])
    tx = one(
        extractor,
        "Shipper: Ets. Kabila Agro, Lubumbashi. Consignee: Zambezi Mills Ltd, Lusaka. 600 MT maize.",
    )
    assert route(tx) == ("CD", "ZM", [])
    assert "Ets. Kabila Agro" in {p.name for p in tx.parties}


def test_plural_shebabs_and_russian_port_names(extractor: Extractor) -> None:
    tx = one(
        extractor, "Les Shebabs auraient acquis des composants d'engins explosifs via le Yémen."
    )
    assert tx.destination is not None and tx.destination.code == "SO"
    tx = one(
        extractor,
        "Отправитель: АО «Уралхим», Новороссийск. Получатель: ООО «Агро», Бейрут. Карбамид, 15 000 т.",
    )
    assert route(tx) == ("RU", "LB", [])


def test_the_group_refers_to_the_armed_group_named_before(extractor: Extractor) -> None:
    _, claim = extractor.extract(
        "Rwanda has denied supplying arms to the M23 rebels, but UN experts say Rwandan troops "
        "delivered mortars to the group in North Kivu."
    ).transactions
    assert claim.status == "asserted"
    assert [(p.name, p.role, p.category) for p in claim.parties] == [
        ("M23", "consignee", "armed_group")
    ]


def test_iranian_supplied_missiles_smuggled_home_by_an_armed_group(extractor: Extractor) -> None:
    tx = one(
        extractor,
        "Hezbollah smuggled Iranian-supplied Almas anti-tank missiles into southern Lebanon via "
        "Syria.",
    )
    assert route(tx) == ("IR", "LB", ["SY"])
    [group] = [p for p in tx.parties if p.name == "Hezbollah"]
    assert group.role == "consignee"


def test_a_town_inside_a_firm_name_yields_to_its_address(extractor: Extractor) -> None:
    # "Bakri" is also a town in Malaysia
    tx = one(
        extractor,
        "Déclarant : Al-Bakri Trading, Misrata. 6 pick-up armés débarqués au port de Misrata "
        "depuis un navire en provenance des Émirats.",
    )
    assert route(tx) == ("AE", "LY", [])
    assert {p.country.code for p in tx.parties if p.country} == {"LY"}


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Des armes légères serbes ont été retrouvées entre les mains de l'UPC près de Bambari.",
         ("RS", "CF", [])),
        ("La Corée du Nord aurait vendu des lance-roquettes multiples à la Russie, déployés depuis "
         "dans la région de Koursk.", ("KP", "RU", [])),
        ("Танкер под флагом Камеруна, курс на Нампхо, груз: дизельное топливо 4 500 т.",
         (None, "KP", [])),
    ],
)  # fmt: skip
def test_in_the_hands_of_deployed_since_and_heading_for(
    extractor: Extractor, text: str, expected: tuple[str | None, str | None, list[str]]
) -> None:
    assert route(one(extractor, text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The Houthis have taken delivery of Iranian-made cruise missile parts, a UN panel "
        "reported, though Tehran denies arming the group.",
        "A UN panel found that Rwandan army trucks had delivered mortars to M23 rebels inside "
        "North Kivu, a charge Kigali rejects.",
    ],
)
def test_a_claim_and_the_denial_that_answers_it(extractor: Extractor, text: str) -> None:
    # "though …", "a charge … rejects": the denial is a transaction of its own, the claim stays
    claim, denial = extractor.extract(text).transactions
    assert claim.status == "asserted" and denial.status == "denied"


def test_a_known_group_in_lower_case_is_still_a_named_party(extractor: Extractor) -> None:
    tx = one(
        extractor, "Les rebelles houthis ont reçu des pièces de missiles balistiques iraniens."
    )
    [group] = [p for p in tx.parties if p.category == "armed_group" and p.country]
    assert group.name == "houthis"
    assert tx.to_transaction()["parties"][-1]["name"] == "houthis"


def test_trafficked_in_spanish_and_the_atf_is_no_territory(extractor: Extractor) -> None:
    tx = one(
        extractor,
        "Armas cortas compradas en Arizona fueron traficadas a Haití a través de República "
        "Dominicana, informó la ATF.",
    )
    assert tx.destination is not None and tx.destination.code == "HT"
    assert "TF" not in tx.countries()


def test_a_declared_consignee_a_shell_company_and_a_container_are_no_goods(
    extractor: Extractor,
) -> None:
    tx = one(
        extractor,
        "Conteneur TGHU 440219 en provenance de Nampo, déclaré « pièces détachées ». Inspection : "
        "200 fusils type 58. Destinataire déclaré : société écran à Port-Soudan.",
    )
    assert route(tx) == ("KP", "SD", [])
    assert [g.text for g in tx.goods] == ["200 fusils type 58"]
    assert "arms.small_arms" in categories(tx)


@pytest.mark.parametrize(
    ("text", "party"),
    [
        # tune8 t8-065: the capital that buys is the State, so the DRC's embargo sees its government
        ("Kinshasa a acheté des drones chinois CH-4 pour équiper les FARDC.",
         ("buyer", "Kinshasa", "CD", "government")),
        ("Pyongyang sold 152 mm shells to Moscow.", ("seller", "Pyongyang", "KP", "government")),
    ],
)  # fmt: skip
def test_a_capital_that_buys_or_sells_is_its_government(
    extractor: Extractor, text: str, party: tuple[str, str, str, str]
) -> None:
    tx = one(extractor, text)
    found = [
        (p.role, p.name, p.country.code if p.country else None, p.category) for p in tx.parties
    ]
    assert party in found


def test_a_buyer_in_a_capital_is_not_its_government(extractor: Extractor) -> None:
    tx = one(extractor, "Les 200 gilets pare-balles sont destinés à un acheteur à Tripoli.")
    assert route(tx)[1] == "LY"
    assert not any(p.category == "government" for p in tx.parties)


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Kinshasa a acheté des drones CH-4 pour équiper les FARDC.", "military"),
        # tune8 t8-016 and t8-070: Haftar's forces in the east are not the government's
        ("Libya's eastern-based forces took delivery of 40 armoured personnel carriers from the "
         "United Arab Emirates.", "armed_group"),
        ("Le cargo Hanna transportait 36 véhicules blindés à destination des forces de l'Est.",
         "armed_group"),
    ],
)  # fmt: skip
def test_known_forces_carry_their_category(extractor: Extractor, text: str, category: str) -> None:
    tx = one(extractor, text)
    assert category in {p.category for p in tx.parties}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # tune8 t8-020: the sailors who seized the goods are no crew of their origin, and a
        # "Houthi-controlled" Yemen is still where the cargo went
        ("US Navy sailors seized Iranian-made cruise missile components from a dhow in the Arabian "
         "Sea on 11 January 2024; the cargo was headed to Houthi-controlled Yemen.", ("IR", "YE", [])),
        ("Crew (Yemeni/Pakistani), cargo 200 rifles to Somalia", (None, "SO", [])),
        # tune8 t8-025: "in a ship-to-ship transfer" does not make the demonym a vessel's flag
        ("Police arrested the crew of a freighter that had loaded 6,000 tonnes of North Korean "
         "antracite in a ship-to-ship transfer in the Yellow Sea, bound for Vietnam.", ("KP", "VN", [])),
    ],
)  # fmt: skip
def test_demonyms_and_destinations_around_seizures(
    extractor: Extractor, text: str, expected: tuple[str | None, str | None, list[str]]
) -> None:
    assert route(one(extractor, text)) == expected


def test_a_car_model_named_after_a_place_is_no_place(extractor: Extractor) -> None:
    # tune8 t8-044: "Porsche Cayenne" is a car, not the capital of French Guiana
    tx = one(extractor, "Contrôle au Havre : conteneur de 14 Porsche Cayenne neuves, destinataire "
                        "final une société de Pyongyang.")  # fmt: skip
    assert route(tx)[1] == "KP" and "luxury.vehicles" in categories(tx)
    assert "GF" not in {c for c in (route(tx)[0], route(tx)[1]) if c}


def test_an_amount_after_the_goods_is_their_quantity_not_more_goods(extractor: Extractor) -> None:
    # tune8 t8-090: "пшеница мягкая, 30 000 т" is one goods line
    tx = one(extractor, "Грузополучатель Ливийская зерновая компания, Триполи; груз: пшеница "
                        "мягкая, 30 000 т.")  # fmt: skip
    assert [g.categories for g in tx.goods] == [("food",)]


def test_the_group_holding_the_destination_receives_the_goods(extractor: Extractor) -> None:
    tx = one(extractor, "The missile components were headed to Houthi-controlled Yemen.")
    assert route(tx)[1] == "YE"
    assert ("consignee", "armed_group", "YE") in {
        (p.role, p.category, p.country.code if p.country else None) for p in tx.parties
    }


def test_a_two_word_head_gives_the_party_its_category(extractor: Extractor) -> None:
    # tune2 h2-039: "the Iraqi air force" is the government's military, a party
    tx = one(extractor, "The US delivered Hellfire missiles and 20mm cannon rounds to the Iraqi "
                        "air force at Balad air base.")  # fmt: skip
    assert ("consignee", "military", "IQ") in {
        (p.role, p.category, p.country.code if p.country else None) for p in tx.parties
    }
    assert "arms.ammunition.artillery" in categories(tx) and "arms.artillery" not in categories(tx)


def test_a_batch_does_not_turn_a_purchase_into_a_sale(extractor: Extractor) -> None:
    # tune3 t3-065: "un lot de chars commandés à la Russie": Russia sells
    tx = one(extractor, "L'Irak a réceptionné un premier lot de chars T-90 commandés à la Russie.")
    assert route(tx)[:2] == ("RU", "IQ")


def test_an_amount_each_is_the_quantity_not_a_goods_line(extractor: Extractor) -> None:
    # tune9 t9-003: "50 kg each" is how the rice is packed, not a second, unknown line
    tx = one(extractor, "Shipper: Punjab Rice Mills Ltd, Karachi. Consignee: Bandar Abbas Food "
                        "Trading Co., Iran. Cargo: 18,000 bags basmati rice, 50 kg each.")  # fmt: skip
    assert route(tx) == ("PK", "IR", [])
    assert [g.categories for g in tx.goods] == [("food",)]


def test_a_final_consignee_label_gives_the_destination(extractor: Extractor) -> None:
    # tune9 t9-022
    tx = one(extractor, "Facture F-2025-114 : deux berlines Mercedes-Maybach S680 blindées, "
                        "livraison FOB Dalian, destinataire final : Korea Daesong General "
                        "Trading, Pyongyang.")  # fmt: skip
    assert route(tx) == ("CN", "KP", [])


def test_an_adverb_between_subject_and_verb_keeps_the_seller(extractor: Extractor) -> None:
    # tune9 t9-070: "now" is not a clause boundary
    tx = one(extractor, "Iran is now shipping upgraded Shahed-238 jet drones to Russia.")
    assert route(tx) == ("IR", "RU", [])


def test_the_loading_port_after_chargement_is_the_origin(extractor: Extractor) -> None:
    # tune9 t9-056: "chargement à Chongjin … déchargement prévu à Lianyungang"
    tx = one(extractor, "Connaissement COSCO-2219 : navire XIN HAI 9, chargement à Chongjin de "
                        "9 500 t d'anthracite, déchargement prévu à Lianyungang (Chine).")  # fmt: skip
    assert route(tx) == ("KP", "CN", [])


def test_the_flag_of_a_vessel_unloading_is_where_the_cargo_came_from(
    extractor: Extractor,
) -> None:
    # tune9 t9-013
    tx = one(extractor, "Satellite photos indicate a North Korean freighter unloaded coal at the "
                        "Chinese port of Ningbo-Zhoushan last month.")  # fmt: skip
    assert route(tx) == ("KP", "CN", [])
    assert tx.origin is not None and "unloading vessel" in tx.origin.evidence.how


@pytest.mark.parametrize(
    "text",
    [
        "A tanker transferred 5,000 barrels of diesel to a North Korean vessel in the Sea of Japan.",
        "Le pétrolier SEA PEARL a transbordé en mer de Chine orientale environ 8 000 barils de "
        "gazole vers le navire nord-coréen CHON MA SAN.",
    ],
)
def test_a_sea_is_not_the_country_it_is_named_after(extractor: Extractor, text: str) -> None:
    # tune9 t9-020: the Sea of Japan is not Japan, the East China Sea not China
    tx = one(extractor, text)
    assert route(tx)[1] == "KP"
    assert not {"JP", "CN"} & {c.code for c in [tx.origin, *tx.transit] if c}


def test_a_town_is_not_read_as_another_languages_name_of_a_country(extractor: Extractor) -> None:
    # tune9 t9-037: Poole (Dorset) is also an Estonian form of Poland's name
    tx = one(extractor, "3 x Sunseeker 76 motor yachts, delivery ex-works Poole; final "
                        "consignee: Wonsan Leisure Co., DPRK.")  # fmt: skip
    assert route(tx)[:2] == ("GB", "KP")


def _party(tx: ExtractedTransaction, role: str) -> tuple[str, str | None]:
    [p] = [p for p in tx.parties if p.role == role]
    return p.name, p.country.code if p.country else None


def test_a_bill_of_lading_whose_fields_lost_their_colons_is_read_as_fields(
    extractor: Extractor,
) -> None:
    # tune10 t10-014: pasted from a PDF, fields separated by runs of spaces
    tx = one(extractor, "Shipper Vostok Coal Trading LLC  Consignee Dalian Hengrun Energy Co Ltd  "
                        "POL Nakhodka  POD Longkou  Cargo anthracite coal 6,800 MT  Remark cargo "
                        "originally ex Nampo, transhipped Nakhodka")  # fmt: skip
    assert route(tx)[:2] == ("KP", "CN")
    assert "minerals.coal" in categories(tx)
    assert _party(tx, "consignee") == ("Dalian Hengrun Energy Co Ltd", "CN")


def test_a_party_field_ends_before_the_goods_and_takes_its_town_in_brackets(
    extractor: Extractor,
) -> None:
    # tune10 t10-020: "vendeur X (Sète), acheteur Y Co. (Téhéran), FOB Sète"
    tx = one(extractor, "Facture FA-2025-0388 : 600 cartons huile de tournesol 5 L, vendeur "
                        "Agrimex Méditerranée SAS (Sète), acheteur Pars Food Distribution Co. "
                        "(Téhéran), FOB Sète, règlement par crédit documentaire")  # fmt: skip
    assert route(tx)[:2] == ("FR", "IR")
    assert _party(tx, "seller") == ("Agrimex Méditerranée SAS", "FR")
    assert _party(tx, "buyer") == ("Pars Food Distribution Co", "IR")


def test_label_words_in_prose_stay_prose(extractor: Extractor) -> None:
    # one label word is not a document: "the buyer" here is a party noun of the sentence
    tx = one(extractor, "The buyer in Dubai shipped the cigarettes to Pyongyang.")
    assert route(tx)[1] == "KP"


def test_places_in_a_partys_name_are_not_the_route(extractor: Extractor) -> None:
    # tune10 t10-068: "Refinería del Pacífico S.A.C., Callao" is a Peruvian refinery
    tx = one(extractor, "B/L HOU-77120  Embarcador Gulf Fuels Trading LLC, Houston  "
                        "Consignatario Refinería del Pacífico S.A.C., Callao  Mercancía diésel "
                        "ultra bajo azufre 38.000 m3  CIF Callao")  # fmt: skip
    assert route(tx) == ("US", "PE", [])


def test_remarks_on_the_goods_are_not_goods_lines(extractor: Extractor) -> None:
    # tune10 t10-006: a cold chain and a humanitarian consignment are not more goods
    tx = one(extractor, "Shipper: UNICEF Supply Division, Copenhagen / Port of loading: Dalian / "
                        "Port of discharge: Nampo / Goods: 1,140 cartons oral rehydration salts "
                        "and measles-rubella vaccine (cold chain), humanitarian consignment")  # fmt: skip
    assert [g.categories for g in tx.goods] == [("medicine",)]


@pytest.mark.parametrize(
    "text",
    [
        # tune11 t11-069, t11-005
        "Selon Kyiv, l'armée russe a tiré au moins vingt missiles balistiques fournis par la "
        "Corée du Nord.",
        "Russia has been given artillery shells by North Korea, officials said.",
    ],
)
def test_in_the_passive_the_agent_supplies_and_the_subject_receives(
    extractor: Extractor, text: str
) -> None:
    assert route(one(extractor, text))[:2] == ("KP", "RU")


def test_compass_words_and_island_are_not_countries(extractor: Extractor) -> None:
    # tune10 t10-039 "Kharg Island" (not Iceland), tune11 t11-003 "South Hwanghae" (not Cameroon)
    tx = one(extractor, "A tanker loaded 2 million barrels of Iranian crude at Kharg Island and "
                        "discharged at Qingdao.")  # fmt: skip
    assert route(tx)[:2] == ("IR", "CN")
    tx = one(extractor, "4,200 tonnes of fortified biscuits were unloaded at Nampo for nurseries "
                        "in South Hwanghae.")  # fmt: skip
    assert route(tx)[1] == "KP"


def test_a_vessels_former_name_is_no_origin(extractor: Extractor) -> None:
    # tune10 t10-044: "ex-Rich Glory" names the ship before, not a place it came from
    tx = one(extractor, "Tip-off: M/V Dong Feng 9 (ex-Rich Glory) reportedly loaded ~5,000t of "
                        "iron ore at Chongjin, AIS dark 3 days.")  # fmt: skip
    assert route(tx)[0] == "KP"


def test_an_invoice_number_is_not_a_goods_line(extractor: Extractor) -> None:
    # tune10 t10-058
    tx = one(extractor, "Facture 8841/25 - vendeur Pharmalpes SA, Bâle ; acheteur Darou Pakhsh "
                        "Distribution Co., Téhéran ; 4 000 boîtes de trastuzumab et 1 500 boîtes "
                        "d'imatinib ; CIP aéroport Imam Khomeini")  # fmt: skip
    assert route(tx)[1] == "IR"
    assert [g.categories for g in tx.goods] == [("medicine",)]


def test_in_a_text_about_korea_the_north_is_the_dprk(extractor: Extractor) -> None:
    # tune11 t11-012
    tx = one(extractor, "Seoul says the North has sent 170mm self-propelled guns to Russia.")
    assert route(tx)[:2] == ("KP", "RU")


def test_soldiers_sent_are_not_goods(extractor: Extractor) -> None:
    tx = one(extractor, "Pyongyang sent 10,000 troops and 2 million artillery shells to Russia.")
    assert [g.categories for g in tx.goods] == [("arms.ammunition.artillery",)]


def test_a_trade_not_reported_to_the_committee_is_no_denial(extractor: Extractor) -> None:
    # tune11 t11-017
    tx = one(extractor, "Russian tankers delivered roughly 90,000 barrels of diesel to Chongjin, "
                        "a figure Moscow has not reported to the sanctions committee.")  # fmt: skip
    assert tx.status == "asserted"


def test_a_russian_thousand_abbreviation_ends_no_sentence(extractor: Extractor) -> None:
    # tune11 t11-097: "500 тыс. тонн сырой нефти", by pipeline
    tx = one(extractor, "Китай ежегодно поставляет в КНДР по трубопроводу около 500 тыс. тонн "
                        "сырой нефти.")  # fmt: skip
    assert route(tx)[:2] == ("CN", "KP")
    assert [g.categories for g in tx.goods] == [("petroleum.crude",)]


def test_a_hospital_the_goods_go_to_is_no_goods_line(extractor: Extractor) -> None:
    # tune3 t3-070: "livraison à l'hôpital de Hamhung" names where, not what
    tx = one(extractor, "Remarque : 40 fauteuils roulants et matériel de dialyse, don du CICR, "
                        "livraison à l'hôpital de Hamhung.")  # fmt: skip
    assert route(tx)[1] == "KP"
    assert len(tx.goods) == 1


def test_a_field_opened_by_a_colon_and_the_next_after_a_comma(extractor: Extractor) -> None:
    # tune4 t4-082: "КОНОСАМЕНТ № …: отправитель X, город, получатель Y, город, груз"
    tx = one(extractor, "КОНОСАМЕНТ № SPB-5501: отправитель ООО «Балтик Вуд», Санкт-Петербург, "
                        "получатель Nordisk Tre AS, Берген, 1 200 м3 пиломатериалов хвойных пород, "
                        "судно «Лотос».")  # fmt: skip
    assert route(tx)[:2] == ("RU", "NO")
    assert categories(tx) == {"wood"}


def test_for_a_group_after_a_demonym_of_the_goods(extractor: Extractor) -> None:
    # tune11 t11-081: "drones de fabricación iraní para los hutíes": the Houthis receive
    tx = one(extractor, "El cargamento incluía drones de fabricación iraní para los hutíes.")
    assert route(tx)[:2] == ("IR", "YE")
    assert ("end_user", "YE") in {
        (p.role, p.country.code if p.country else None) for p in tx.parties
    }
