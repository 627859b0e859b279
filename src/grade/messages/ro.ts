import type { LocaleTexts } from './types.js';

// The course notes' and the Romanian sheets' terms: funcția de cost, gradient
// descendent, rata de învățare, ponderi, bias, termenul de eroare, regula
// lanțului, entropia încrucișată, exemplu, lot. The student is addressed as
// on the sheets (voi).
/** `1 rând`, `5 rânduri`, `20 de rânduri`: from 20 up (by the last two digits) Romanian puts "de" before the noun. */
function count(n: number, one: string, many: string): string {
  if (n === 1) return `1 ${one}`;
  const lastTwo = n % 100;
  return n > 0 && (lastTwo === 0 || lastTwo >= 20) ? `${n} de ${many}` : `${n} ${many}`;
}

export const ro: LocaleTexts = {
  ltr: (text) => text,
  listSeparator: ', ',
  fraction: (earned, max) => `${earned} / ${max}`,

  misconceptions: {
    'update-sign':
      'Actualizarea a urcat panta în loc să o coboare. Gradientul descendent face pasul în sens opus gradientului: w_new = w − η·∂L/∂w (cu minus), nu w + η·∂L/∂w.',
    'transposed-gradient':
      'Matricea dW v-a ieșit transpusă. Rândul i al lui W aparține clasei i, deci dW[i][j] = dz_i·x_j (produsul exterior dz·xᵀ, de aceeași formă ca W), nu x_i·dz_j.',
    'sum-not-mean':
      'Ați adunat gradienții exemplelor. Costul unui pas este media peste exemplele pasului, deci și gradientul este o medie: împărțiți suma la numărul de exemple din pas.',
    'error-sign':
      'Termenul de eroare are semnul greșit. Cu entropia încrucișată după o ieșire sigmoidă sau softmax, ∂L/∂z = ŷ − y, nu y − ŷ.',
    'extra-sigmoid-derivative':
      'Ați înmulțit o dată în plus cu σ′(z) = ŷ(1 − ŷ). Cu entropia încrucișată, ∂L/∂ŷ conține deja factorul 1/(ŷ(1 − ŷ)), care se simplifică cu σ′(z): ∂L/∂z = ŷ − y.',
    'log10-loss':
      'Funcția de cost folosește logaritmul natural ln, nu log₁₀. Pe majoritatea calculatoarelor este tasta „ln”, nu „log”.',
    'forgot-learning-rate':
      'Pasul de gradient se înmulțește cu rata de învățare: w_new = w − η·∂L/∂w. Ați scăzut gradientul fără să-l înmulțiți cu η.',
    'softmax-without-exp':
      'Softmax aplică întâi exponențiala și abia apoi normalizează: ŷ_i = e^(z_i) / Σ_j e^(z_j), nu z_i / Σ_j z_j.',
    'sgd-instead-of-batch':
      'Ați actualizat ponderile după fiecare exemplu. Un pas pe lot (sau pe mini-lot) calculează gradientul fiecărui exemplu din pas cu aceleași ponderi, face media lor și abia apoi actualizează, o singură dată.',
    'missing-factor-2':
      'Factorul 2 al erorii pătratice nu este pus corect. d/dŷ (y − ŷ)² = −2(y − ŷ) = 2(ŷ − y): cu costul = media lui (y − ŷ)², gradientul păstrează factorul 2; doar cu convenția cu ½ (costul = ½ · media lui (y − ŷ)²) factorul ½ se simplifică cu 2 și rămâne (ŷ − y). Verificați ce funcție de cost este dată în fișă.',
    'forgot-activation-derivative':
      'Regula lanțului trece și prin funcția de activare: ∂L/∂w = ∂L/∂ŷ · f′(net) · ∂net/∂w. Cu o ieșire sigmoidă f′(net) = ŷ(1 − ŷ); ați omis acest factor (el este 1 doar pentru o ieșire liniară).',
    'missed-path':
      'O unitate ascunsă ajunge la cost prin fiecare unitate de ieșire, deci gradientul ei este suma peste toate aceste drumuri: ∂L/∂a1_j = Σ_i ∂L/∂net2_i · W2[i][j] (da1 = W2ᵀ·dnet2). Ați păstrat doar drumul prin prima unitate de ieșire; gradienții primului strat calculați pe baza lui (dnet1, dW1, db1) moștenesc lipsa.',
    'wrong-layer-input':
      'Gradientul unei ponderi este eroarea unității ei înmulțită cu intrarea pe care o înmulțește acea pondere: dW2[i][j] = dnet2_i · a1_j (activările ascunse sunt intrarea stratului 2), dW1[i][j] = dnet1_i · x_j (intrarea rețelei alimentează stratul 1). Ați folosit intrarea celuilalt strat.',
  },

  misconceptionTitles: {
    'update-sign': 'Actualizare în sus pe pantă (w + η·∂L/∂w)',
    'transposed-gradient': 'dW transpus (x_i·dz_j)',
    'sum-not-mean': 'Sumă în loc de medie',
    'error-sign': 'Semnul erorii inversat (y − ŷ)',
    'extra-sigmoid-derivative': 'Factor σ′(z) în plus',
    'log10-loss': 'log₁₀ în loc de ln',
    'forgot-learning-rate': 'Rata de învățare omisă',
    'softmax-without-exp': 'Softmax fără exponențială',
    'sgd-instead-of-batch': 'Actualizare după fiecare exemplu',
    'missing-factor-2': 'Factorul 2 al erorii pătratice greșit',
    'forgot-activation-derivative': 'Derivata activării omisă',
    'missed-path': 'Un singur drum spre unitatea ascunsă',
    'wrong-layer-input': 'Intrarea celuilalt strat',
  },

  verdictNames: {
    correct: 'corect',
    ecf: 'ecf',
    misconception: 'concepție greșită',
    incorrect: 'greșit',
    invalid: 'invalid',
    missing: 'lipsă',
  },
  verdictMarks: {
    correct: '✓ corect',
    ecf: '✓ ecf (din răspunsul vostru anterior)',
    misconception: '✗ concepție greșită',
    incorrect: '✗ greșit',
    invalid: '✗ nu este un număr',
    missing: '– lipsă',
  },

  partFeedback: {
    missing: 'niciun răspuns',
    invalid: (why) => `nu a putut fi citit ca număr, pentru că ${why}`,
    ecf: (carried, value) =>
      `notat pe baza răspunsului vostru anterior pentru ${carried}: pornind de la el, partea aceasta este ${value}, exact cât ați obținut`,
    incorrect: 'în afara toleranței față de barem',
    incorrectTrivial: (carried) =>
      `în afara toleranței față de barem; rezultă totuși din răspunsul vostru anterior pentru ${carried}, dar, dusă mai departe, ` +
      'acea valoare face partea aceasta banală (o eroare sau un gradient nul), deci nu primește puncte',
  },
  invalidReasons: {
    'longer than 80 characters': 'are mai mult de 80 de caractere',
    'spaces inside the number': 'are spații în interior',
    'two exponents': 'are doi exponenți',
    'ambiguous or misplaced separators': 'virgula sau punctul zecimal sunt ambigue ori puse greșit',
    'not a number': 'conține mai mult decât cifre, semn, virgulă zecimală și o putere a lui 10',
    'too large or too small': 'este prea mare sau prea mic',
  },

  feedbackFile: {
    title: (who) => `Evaluarea răspunsurilor: ${who}`,
    total: (score) => `Punctaj total: **${score}**`,
    noSubmission: 'Nepredat: nu s-a primit niciun răspuns de la voi, deci punctajul vostru rămâne necompletat.',
    cutAnswer: (length) => `(${length.toLocaleString('ro-RO')} de caractere)`,
    columns: ['parte', 'răspunsul vostru', 'barem', 'verdict', 'puncte'],
  },

  report: {
    title: (set) => `Raport de notare: ${set || 'set'}`,
    variants: (file, students) => `Variante: \`${file}\` (${count(students, 'student', 'studenți')})`,
    submissions: ({ file, layout, read, graded, rejected }) =>
      layout === 'sheets'
        ? `Răspunsuri: \`${file}\` (fișe PDF completate): ${count(read, 'fișier citit', 'fișiere citite')}: notate ${graded}, respinse ${rejected} (vezi rejected.csv)`
        : `Răspunsuri: \`${file}\` (${layout === 'moodle' ? 'raportul de răspunsuri Moodle' : `format ${layout === 'long' ? 'lung, „long”' : 'lat, „wide”'}`}): ` +
          `${count(read, 'rând citit', 'rânduri citite')}: notate ${graded}, respinse ${rejected} (vezi rejected.csv)`,
    note: (text) => `Notă: ${text}`,
    scoreDistribution: 'Distribuția punctajelor',
    scoreColumns: ['punctaj total', 'studenți'],
    percent: (value) => `${value} %`,
    range: (from, to) => `${from}–${to} %`,
    meanAndMedian: (mean, median) => `Media ${mean} %, mediana ${median} %.`,
    noSubmission: 'Nepredate',
    noSubmissionCount: (n, scoredZero) => {
      const who = `${count(n, 'student', 'studenți')} ${n === 1 ? 'nu a predat' : 'nu au predat'} niciun răspuns`;
      if (scoredZero) return `${who}; cu --missing-as-zero ${n === 1 ? 'a primit 0 și este inclus' : 'au primit 0 și sunt incluși'} în cifrele de mai sus:`;
      return n === 1
        ? `${who}: punctajul său din grades.csv rămâne gol, iar cifrele de mai sus nu îl includ:`
        : `${who}: punctajul lor din grades.csv rămâne gol, iar cifrele de mai sus nu îi includ:`;
    },
    problem: (problem, mean) => (mean === null ? problem : `${problem} — media ${mean} %`),
    part: 'parte',
    noMisconception: 'Nu s-a recunoscut nicio concepție greșită din catalog.',
    commonMisconceptions: 'Cele mai frecvente concepții greșite:',
    misconceptionColumns: ['concepție greșită', 'răspunsuri', 'cel mai des la'],
  },
};
