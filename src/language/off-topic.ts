// Words of subjects no shop's help pages are about: the weather, politics, money markets, school work, sport,
// entertainment, recipes, horoscopes. A question built around one ("cuaca di jogja hari ini?") is out of scope even
// when it also names a city the shop ships to, unless the shop's own knowledge uses the word (then it is its subject).
// Compared on standard tokens (text.ts), Indonesian and English; written for Jawab. Not words a shop's customers use
// of its own business: "seragam sekolah" (a school uniform), "kirim ke negara lain", "jadwal pengiriman".
export const OFF_TOPIC: ReadonlySet<string> = new Set(
  `cuaca weather hujan rain forecast ramalan zodiak horoscope presiden president politik politics pemilu election partai
   bitcoin crypto kripto saham stock-market forex kurs dollar emas gold trading investasi investment
   matematika math mathematics pr homework tugas skripsi essay puisi poem lagu song lirik lyrics film movie
   bola football soccer sepakbola skor score piala worldcup resep recipe masak cooking ibukota capital
   kereta train pesawat flight hotel wisata tourism game games gaming steam playstation xbox`.split(/\s+/),
);
