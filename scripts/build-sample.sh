#!/usr/bin/env bash
# Rebuilds the shipped sample workspace (factcheck.toml, claims/, sources/,
# entities/, events/) from ../shared/seed-article.txt through the factcheck
# command line itself. The ids stay the same on every rebuild: ids are never
# reused for something else.
# Usage: scripts/build-sample.sh [ARTICLE]   (run from the repository root)
set -euo pipefail
ARTICLE=${1:-../shared/seed-article.txt}
cargo build --quiet --release
fc() { ./target/release/factcheck "$@" >/dev/null; }
rm -rf claims sources entities events factcheck.toml
fc init .

# Who is who. Only affiliations the article states are recorded (see the
# README, "The sample"): the President and "U.S. officials" speak for the
# U.S. government; Mohammed Muhi is "a spokesman for Kataib Hizbollah";
# al-Yasseri is "Iraq's interior minister" and "the Iraqi military" is
# Iraq's. "Iranian-backed" is not "part of": Kataib Hezbollah stays its own.
fc entity add us-government --name "U.S. government" --kind government
fc entity add us-officials --name "U.S. officials" --kind agency --part-of us-government
fc entity add donald-trump --name "Donald J. Trump" --kind person --part-of us-government \
  --alias "President Trump" --alias "Donald Trump" --alias "Trump"
fc entity add kataib-hezbollah --name "Kataib Hezbollah" --kind armed-group --alias "Kataib Hizbollah"
fc entity add mohammed-muhi --name "Mohammed Muhi" --kind person --part-of kataib-hezbollah
fc entity add iraqi-government --name "Iraqi government" --kind government \
  --alias "Iraqi government officials"
fc entity add iraqi-military --name "Iraqi military" --kind military --part-of iraqi-government
fc entity add yassine-al-yasseri --name "Yassine al-Yasseri" --kind person --part-of iraqi-government \
  --alias "al-Yasseri" --alias "Iraq's interior minister"
fc entity add popular-mobilization-forces --name "Popular Mobilization Forces" --kind armed-group \
  --notes "\"a group for the militias recognized in Iraq\" (the article)"

AIR=us-airstrikes-2019-12-29
K1=k1-base-attack-2019-12-27
EMB=baghdad-embassy-attack-2019-12-31
BASES=coalition-base-attacks-2019
fc event add $AIR --title "U.S. airstrikes on Kataib Hezbollah" --place Iraq \
  --party us-government --party kataib-hezbollah
fc event add $K1 --title "Friday missile attack on an Iraqi base" --date 2019-12-27 --place Iraq \
  --party us-government --party kataib-hezbollah
fc event add $EMB --title "Protesters storm the U.S. Embassy in Baghdad" --date 2019-12-31 --place Baghdad \
  --party us-government --party kataib-hezbollah \
  --notes "The protesters were \"demonstrators and supporters of the militia\"; Kataib Hezbollah's spokesman speaks for the camp."
fc event add $BASES --title "Attacks on U.S.-led coalition bases" --place Iraq \
  --party us-government --party kataib-hezbollah

S=the-hill-2019-12-31
fc source add $S --title "Protesters storm US Embassy in Baghdad" --publisher "The Hill" \
  --published 2019-12-31 --language en --reliability B --text-file "$ARTICLE"

# The U.S. airstrikes
fc claim add strikes-killed-25 --kind casualty --event $AIR --category killed --group militia-members \
  --count "25 people" --asserted-by "The Hill" --date 2019-12-31 \
  --statement "The U.S. airstrikes on the Iranian-backed militia over the weekend killed 25 people."
fc link strikes-killed-25 $S --quote "launched airstrikes on an Iranian-backed militia in the country over the weekend that killed 25 people"
fc claim add strikes-criticized --kind event --event $AIR --asserted-by "The Hill" --date 2019-12-31 \
  --statement "Iraqi government officials criticized the U.S. airstrikes and warned they would provoke a response."
fc link strikes-criticized $S --quote "The U.S. airstrikes on Kataib Hezbollah had been criticized by Iraqi government officials, who had warned they would provoke a response."

# The Friday missile attack on the K1 base
fc claim add k1-contractor-killed --kind casualty --event $K1 --category killed --group us-contractor \
  --count "a U.S. contractor" --asserted-by "U.S. officials" --date 2019-12-31 \
  --statement "The Friday missile attack on an Iraqi base killed a U.S. contractor."
fc link k1-contractor-killed $S --quote "a Friday missile attack on an Iraqi base that killed a U.S. contractor" --attributed-to "The Hill"
fc link k1-contractor-killed $S --quote "most recently one on Friday that killed a U.S. contractor" --attributed-to "U.S. officials"
fc claim add k1-four-injured --kind casualty --event $K1 --category injured --group us-personnel \
  --count "four U.S. military members" --asserted-by "U.S. officials" --date 2019-12-31 \
  --statement "The Friday attack injured four U.S. military members."
fc link k1-four-injured $S --quote "most recently one on Friday that killed a U.S. contractor and injured four U.S. military members" --attributed-to "U.S. officials"
fc claim add trump-contractor-killed --kind casualty --event $K1 --category killed --group us-contractor \
  --count "an American contractor" --asserted-by "Donald J. Trump" --date 2019-12-31 \
  --statement "President Trump says Iran killed an American contractor."
fc link trump-contractor-killed $S --quote "Iran killed an American contractor" --attributed-to "Donald J. Trump"
fc claim add trump-wounding-many --kind casualty --event $K1 --category injured --group us-personnel \
  --count "many" --asserted-by "Donald J. Trump" --date 2019-12-31 \
  --statement "President Trump says the attack that killed the contractor wounded many."
fc link trump-wounding-many $S --quote "Iran killed an American contractor, wounding many." --attributed-to "Donald J. Trump"
fc claim add us-blames-kh-k1 --kind responsibility --event $K1 --actor "Kataib Hezbollah" \
  --asserted-by "U.S. officials" --date 2019-12-31 \
  --statement "The U.S. blames Kataib Hezbollah for the Friday missile attack."
# "was blamed on" does not say by whom; the next paragraph does: the U.S.
fc link us-blames-kh-k1 $S --quote "The missile attack was blamed on the Iranian-backed militia Kataib Hezbollah" --attributed-to "U.S. officials"
fc link us-blames-kh-k1 $S --quote "The U.S. says Kataib Hezbollah is responsible for 11 attacks on U.S.-led coalition bases in the past two months, most recently one on Friday" --attributed-to "U.S. officials"
fc claim add kh-denies-k1 --kind denial --event $K1 --denies us-blames-kh-k1 --asserted-by "Kataib Hezbollah" \
  --date 2019-12-31 --statement "Kataib Hezbollah denies it was responsible for the Friday missile attack."
fc link kh-denies-k1 $S --quote "Kataib Hezbollah, which has denied it was responsible" --attributed-to "Kataib Hezbollah"
fc claim add trump-blames-iran-k1 --kind responsibility --event $K1 --actor "Iran" \
  --asserted-by "Donald J. Trump" --date 2019-12-31 \
  --statement "President Trump says Iran killed the American contractor."
fc link trump-blames-iran-k1 $S --quote "Iran killed an American contractor, wounding many. We strongly responded, and always will." --attributed-to "Donald J. Trump"

# Attacks on coalition bases
fc claim add us-blames-kh-11-attacks --kind responsibility --event $BASES --actor "Kataib Hezbollah" \
  --asserted-by "U.S. officials" --date 2019-12-31 \
  --statement "The U.S. says Kataib Hezbollah is responsible for 11 attacks on U.S.-led coalition bases in the past two months."
fc link us-blames-kh-11-attacks $S --quote "The U.S. says Kataib Hezbollah is responsible for 11 attacks on U.S.-led coalition bases in the past two months" --attributed-to "U.S. officials"

# The storming of the embassy
fc claim add embassy-stormed --kind event --event $EMB --asserted-by "The Hill" --date 2019-12-31 \
  --statement "Protesters stormed the U.S. Embassy in Baghdad on Tuesday."
fc link embassy-stormed $S --quote "Protesters on Tuesday stormed the U.S. Embassy in Baghdad"
fc claim add trump-blames-iran-embassy --kind responsibility --event $EMB --actor "Iran" \
  --asserted-by "Donald J. Trump" --date 2019-12-31 \
  --statement "President Trump says Iran is orchestrating the attack on the U.S. Embassy."
fc link trump-blames-iran-embassy $S --quote "Now Iran is orchestrating an attack on the U.S. Embassy in Iraq." --attributed-to "Donald J. Trump"
fc link trump-blames-iran-embassy $S --quote "accused Iran of being behind them, vowed that Tehran would be held responsible" --attributed-to "Donald J. Trump"
fc claim add embassy-reception-fire --kind event --event $EMB --asserted-by "Associated Press" --date 2019-12-31 \
  --statement "Protesters smashed a main door and set a fire in the reception area."
fc link embassy-reception-fire $S --quote "Protesters smashed a main door to the compound and set a fire in the reception area, leading to the disposal of tear gas and gunfire, The Associated Press reported." --attributed-to "The Associated Press"
fc claim add embassy-soldiers-on-roof --kind event --event $EMB --asserted-by "Associated Press" --date 2019-12-31 \
  --statement "An AP reporter saw flames inside the compound and at least three U.S. soldiers on the roof."
fc link embassy-soldiers-on-roof $S --quote "An AP reporter on the scene reported that flames were rising inside the compound, and at least three U.S. soldiers were on the roof of the main building." --attributed-to "AP"
fc claim add embassy-safe-room --kind event --event $EMB --asserted-by "The Washington Post" --date 2019-12-31 \
  --statement "U.S. diplomats and embassy staff were brought to a fortified safe room."
fc link embassy-safe-room $S --quote "U.S. diplomats and embassy staffers were brought to a fortified safe room, two of them told The Washington Post" --attributed-to "The Washington Post"
fc claim add embassy-protesters-injured --kind casualty --event $EMB --category injured --group protesters \
  --count "at least 10 protesters" --asserted-by "Popular Mobilization Forces" --date 2019-12-31 \
  --statement "Live bullets and tear gas injured at least 10 protesters."
fc link embassy-protesters-injured $S --quote "Live bullets and tear gas injured at least 10 protesters, according to the Popular Mobilization Forces" --attributed-to "Popular Mobilization Forces"
fc claim add embassy-trailers-no-injuries --kind casualty --event $EMB --category injured --group embassy-security-guards \
  --count "no one" --asserted-by "The Hill" --date 2019-12-31 \
  --statement "Three trailers used by embassy security guards were set on fire; no one was immediately reported injured."
fc link embassy-trailers-no-injuries $S --quote "Three trailers used by security guards at the embassy were also set on fire, but no one was immediately reported injured."
fc claim add embassy-tear-gas --kind event --event $EMB --asserted-by "Iraqi security source" --date 2019-12-31 \
  --statement "Embassy security used tear gas to keep the crowd from the main building."
fc link embassy-tear-gas $S --quote "Embassy security utilized tear gas to try to prevent the crowd from moving toward the main building, an Iraqi security source told NBC News." --attributed-to "Iraqi security source"
fc claim add interior-minister-implications --kind event --event $EMB --asserted-by "Yassine al-Yasseri" --date 2019-12-31 \
  --statement "Iraq's interior minister called the embassy attack one of the implications of the U.S. strikes."
fc link interior-minister-implications $S --quote "“This is one of the implications,” al-Yasseri said. “This is a problem and is embarrassing to the government.”" --attributed-to "Iraq's interior minister"
fc claim add iraqi-military-warning --kind event --event $EMB --asserted-by "Iraqi military" --date 2019-12-31 \
  --statement "The Iraqi military asked protesters to avoid foreign embassies."
fc link iraqi-military-warning $S --quote "the Iraqi military also requested protesters avoid foreign embassies, saying attacks will be firmly prevented by the security forces and punishable by law with the most severe penalties,” according to a statement obtained by The New York Times" --attributed-to "Iraqi military"
fc claim add kh-tents-plan --kind event --event $EMB --asserted-by "Kataib Hizbollah" --date 2019-12-31 \
  --statement "Kataib Hezbollah plans to keep its tents in front of the embassy until the ambassador leaves Iraq."
fc link kh-tents-plan $S --quote "“We will not leave these tents until the embassy and the ambassador leave Iraq,” Mohammed Muhi said, according to the Times." --attributed-to "Mohammed Muhi"
fc claim add ap-worst-embassy-attack --kind event --event $EMB --asserted-by "AP" --date 2019-12-31 \
  --statement "The AP described the attack as one of the worst embassy attacks in recent history."
fc link ap-worst-embassy-attack $S --quote "The attack was described by the AP as one of the worst embassy attacks in recent history." --attributed-to "AP"
rm -f claims/.gitkeep sources/.gitkeep entities/.gitkeep events/.gitkeep
echo "sample rebuilt: $(ls claims/*.toml | wc -l) claims"
