// The province and island of an Indonesian city or regency a shop's knowledge does not name. Shipping pages give
// delivery times and rules by region ("Sulawesi, Nusa Tenggara, Maluku dan Papua: 5–8 hari kerja", "gratis ongkir
// di Pulau Jawa"), and customers name their own town ("ke kupang brp hari?", "aku di sleman"): the question then also
// carries the town's province and island, in Indonesian and English, so that the region's line answers it instead of
// whichever line shares a word. Names from idn-area-data (regencies.ts, Open Database License); a town is read only
// after "ke", "di", "dari", "to", "in" and the like, since some names are also words.
import { PROVINCES, REGENCIES } from './regencies.js';

/** The words naming the island a province code is on, as shipping pages write them, by the code's first digit(s). */
function islandOf(code: string): string {
  const number = Number(code);
  if (number < 30) return 'sumatra sumatera';
  if (number < 40) return 'pulau jawa java';
  if (number === 51) return 'bali';
  if (number < 60) return 'nusa tenggara';
  if (number < 70) return 'kalimantan borneo';
  if (number < 80) return 'sulawesi';
  if (number < 90) return 'maluku';
  return 'papua';
}

const DIRECTIONS: Readonly<Record<string, string>> = { utara: 'north', selatan: 'south', barat: 'west', timur: 'east', tengah: 'central', tenggara: 'southeast', 'barat daya': 'southwest' };
const ISLANDS_EN: Readonly<Record<string, string>> = { jawa: 'java', sumatera: 'sumatra', kalimantan: 'kalimantan', sulawesi: 'sulawesi', nusa: 'nusa', papua: 'papua', maluku: 'maluku' };

/** "jawa tengah" -> "central java", "sumatera barat" -> "west sumatra"; other names as they are. */
function inEnglish(province: string): string {
  const match = /^(jawa|sumatera|kalimantan|sulawesi|papua|maluku|nusa tenggara) (.+)$/.exec(province);
  if (match === null || DIRECTIONS[match[2]!] === undefined) return '';
  return `${DIRECTIONS[match[2]!]} ${ISLANDS_EN[match[1]!.split(' ')[0]!]}${match[1] === 'nusa tenggara' ? ' tenggara' : ''}`;
}

const PROVINCE_NAMES = new Map(
  PROVINCES.trim()
    .split('\n')
    .map((line) => [line.slice(0, 2), line.slice(3)] as const),
);

/** Names that are also common words or other places ("puncak" is a peak and a Bogor resort, "malaka" Malacca). */
const NOT_PLACES = new Set(['puncak', 'malaka', 'metro', 'kota', 'banjar']);

interface Region {
  province: string;
  /** The province's name in English where it has one ("central java"). */
  english: string;
  island: string;
}

/** A town's or a province's name (one to four words) -> its province and island. */
const REGIONS = new Map<string, Region>();
for (const line of REGENCIES.trim().split('\n')) {
  const [name, code] = line.split('|') as [string, string];
  if (NOT_PLACES.has(name)) continue;
  const province = PROVINCE_NAMES.get(code)!;
  REGIONS.set(name, { province, english: inEnglish(province), island: islandOf(code) });
}

// A province named alone ("aku di lampung") is its own region, where no town has its name (Jambi is both).
for (const [code, province] of PROVINCE_NAMES) {
  if (!REGIONS.has(province)) REGIONS.set(province, { province, english: inEnglish(province), island: islandOf(code) });
}

/** Single-word town names: a place, like the ones slots.ts lists, though the knowledge does not name it. */
export function isTown(token: string): boolean {
  return REGIONS.has(token);
}

/** Words of provinces' names that say what kind of province it is, not which ("Daerah Istimewa Yogyakarta"). */
const PROVINCE_KINDS = new Set(['daerah', 'istimewa', 'khusus', 'ibukota', 'kepulauan']);

const BEFORE_A_PLACE = new Set(['ke', 'di', 'dari', 'daerah', 'kota', 'kab', 'kabupaten', 'wilayah', 'domisili', 'to', 'in', 'from', 'at', 'near']);
const LONGEST_NAME = 4;

/**
 * The region words the knowledge uses of the towns the question names (after "ke", "di", "to" …) that it does not,
 * given whether it uses a word; empty when there are none. `tokens` are the question's standard tokens (tokenize()).
 */
export function regionsOf(tokens: readonly string[], knows: (term: string) => boolean): string[] {
  const regions: string[] = [];
  tokens.forEach((token, at) => {
    if (!BEFORE_A_PLACE.has(token)) return;
    for (let length = LONGEST_NAME; length >= 1; length -= 1) {
      const words = tokens.slice(at + 1, at + 1 + length);
      const region = words.length === length ? REGIONS.get(words.join(' ')) : undefined;
      if (region === undefined) continue;
      // The province when the knowledge names it ("Jawa Tengah", "Yogyakarta"), else its island too ("Pulau Jawa").
      const named = region.province.split(' ').every((word) => PROVINCE_KINDS.has(word) || knows(word));
      // Only words the knowledge uses: the others match nothing and would only weigh against the passages.
      const said = [region.province, region.english, named ? '' : region.island].join(' ').split(' ').filter((word) => word !== '' && knows(word));
      if (!words.every(knows) && said.length > 0) regions.push([...new Set(said)].join(' '));
      return;
    }
  });
  return [...new Set(regions)];
}
