import type { ReportTexts } from './types.js';

export const ro: ReportTexts = {
  title: (set) => `Raportul clasei: ${set || 'set'}`,
  documentName: 'raportul clasei',
  pageLabel: 'pagina {page} din {count}',
  graded: (students, file) => `${students} studenți corectați din \`${file}\`.`,
  noSubmission: (students) =>
    `${students} dintre ei nu au trimis niciun răspuns: nu apar în figurile de mai jos (sunt în grades.csv).`,
  nobodySubmitted: 'Niciun student nu a trimis vreun răspuns: nu este nimic de reprezentat sau de analizat.',
  oneStudent:
    'Clasa are un singur student cu răspunsuri: o parte nu poate face diferența între studenți, așa că în coloanele de discriminare scrie asta în loc de un număr.',
  meanAndMedian: (mean, median) => `Media ${mean} %, mediana ${median} %.`,
  percent: (value) => `${value} %`,
  sections: {
    scores: 'Distribuția punctajelor',
    scoresByProblem: 'Distribuția punctajelor pe probleme',
    verdicts: 'Verdicte pe părți',
    misconceptions: 'Concepții greșite',
    chains: 'Unde încep greșelile',
    items: 'Analiza itemilor',
  },
  intro: {
    verdicts: 'Fiecare bară este o parte, în ordinea din fișă: pasul la care clasa se împotmolește este acolo unde se termină verdele.',
    misconceptions: 'Răspunsurile care se potrivesc cu o metodă greșită din catalog, pe concepții greșite.',
    chains:
      'Pentru fiecare problemă, partea la care se află prima greșeală a unui student (prima parte, în ordinea părților, care nu este corectă): rădăcina lanțului de erori purtate.',
    items:
      'Facilitatea este media fracției din punctele părții obținute; r este corelația punctajului părții cu restul testului; D este media punctajului părții la primii 27 % după total minus cea la ultimii 27 %; lipsă este fracția răspunsurilor goale. Formulele sunt în README. O parte este semnalată când r sau D este sub 0.2 ori facilitatea peste 0.95.',
  },
  noMisconception: 'Nu s-a potrivit nicio concepție greșită din catalog.',
  allCorrect: (problem, students) => `${problem}: ${students} studenți au rezolvat corect toate părțile.`,
  axes: {
    score: 'punctaj (% din puncte)',
    students: 'studenți',
    shareOfAnswers: 'fracția răspunsurilor',
    answers: 'răspunsuri',
    firstError: 'studenți cu prima greșeală aici',
    verdict: 'verdict',
    problem: 'problemă',
  },
  itemColumns: ['parte', 'studenți', 'facilitate', 'r', 'D (27 %)', 'lipsă', 'semnal'],
  flags: {
    'nobody-answered': 'niciun răspuns',
    'too-easy': 'prea ușoară',
    'low-discrimination': 'discriminare slabă',
  },
  noDiscrimination: {
    'one-student': 'un student',
    'no-student': 'niciun student',
    'same-score': 'toți la fel',
  },
  flagged: (part, flags) => `${part}: ${flags}`,
  noneFlagged: 'Nicio parte nu este semnalată.',
};
