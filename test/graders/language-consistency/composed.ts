/**
 * Short math-reasoning sentences composed for these tests (no public source has multilingual
 * reasoning): 8 each in Spanish, Portuguese, French and German, 4 each in closely related languages
 * (Norwegian/Danish, Czech/Slovak, Croatian, Indonesian). One idea per sentence, as a CoT writes.
 */
export const COMPOSED: Record<string, string[]> = {
  es: [
    'Primero, multiplicamos ambos lados de la ecuación por dos.',
    'Luego simplificamos y obtenemos una ecuación cuadrática.',
    'Espera, eso no parece correcto.',
    'Vamos a comprobar el resultado sustituyendo los valores.',
    'Entonces el área del triángulo es la mitad del producto de los catetos.',
    'Hmm, quizás sea más fácil considerar el complemento.',
    'Por lo tanto, la respuesta es la suma de todos esos enteros.',
    'Ella gana doce dólares cada día en el mercado.',
  ],
  pt: [
    'Primeiro, multiplicamos os dois lados da equação por dois.',
    'Depois simplificamos e obtemos uma equação quadrática.',
    'Espera, isso não parece certo.',
    'Vamos verificar o resultado substituindo os valores.',
    'Então a área do triângulo é metade do produto dos catetos.',
    'Hmm, talvez seja mais fácil considerar o complemento.',
    'Portanto, a resposta é a soma de todos esses inteiros.',
    'Ela ganha doze reais por dia na feira.',
  ],
  fr: [
    "D'abord, on multiplie les deux côtés de l'équation par deux.",
    'Ensuite on simplifie et on obtient une équation du second degré.',
    'Attends, ça ne semble pas juste.',
    'Vérifions le résultat en remplaçant les valeurs.',
    "Donc l'aire du triangle est la moitié du produit des côtés.",
    'Hmm, il est peut-être plus simple de considérer le complémentaire.',
    'Par conséquent, la réponse est la somme de tous ces entiers.',
    'Elle gagne douze euros par jour au marché.',
  ],
  de: [
    'Zuerst multiplizieren wir beide Seiten der Gleichung mit zwei.',
    'Dann vereinfachen wir und erhalten eine quadratische Gleichung.',
    'Moment, das scheint nicht richtig zu sein.',
    'Wir überprüfen das Ergebnis, indem wir die Werte einsetzen.',
    'Also ist die Fläche des Dreiecks die Hälfte des Produkts der Katheten.',
    'Hmm, vielleicht ist es einfacher, das Gegenereignis zu betrachten.',
    'Daher ist die Antwort die Summe all dieser ganzen Zahlen.',
    'Sie verdient jeden Tag zwölf Euro auf dem Markt.',
  ],
};
export const CLOSE_SET: Record<string, string[]> = {
  no: [
    'Først ganger vi begge sider av ligningen med to.',
    'Så forenkler vi og får en andregradsligning.',
    'Vent, det ser ikke riktig ut.',
    'Derfor er svaret summen av alle disse heltallene.',
  ],
  da: [
    'Først ganger vi begge sider af ligningen med to.',
    'Så forenkler vi og får en andengradsligning.',
    'Vent, det ser ikke rigtigt ud.',
    'Derfor er svaret summen af alle disse heltal.',
  ],
  cs: [
    'Nejprve vynásobíme obě strany rovnice dvěma.',
    'Potom výraz zjednodušíme a dostaneme kvadratickou rovnici.',
    'Počkej, to nevypadá správně.',
    'Proto je odpověď součet všech těchto celých čísel.',
  ],
  sk: [
    'Najprv vynásobíme obe strany rovnice dvoma.',
    'Potom výraz zjednodušíme a dostaneme kvadratickú rovnicu.',
    'Počkaj, to nevyzerá správne.',
    'Preto je odpoveď súčet všetkých týchto celých čísel.',
  ],
  hr: [
    'Prvo pomnožimo obje strane jednadžbe s dva.',
    'Zatim pojednostavimo izraz i dobijemo kvadratnu jednadžbu.',
    'Čekaj, to ne izgleda točno.',
    'Dakle, odgovor je zbroj svih tih cijelih brojeva.',
  ],
  id: [
    'Pertama, kita kalikan kedua sisi persamaan dengan dua.',
    'Kemudian kita sederhanakan dan mendapatkan persamaan kuadrat.',
    'Tunggu, sepertinya itu tidak benar.',
    'Jadi jawabannya adalah jumlah semua bilangan bulat tersebut.',
  ],
};
