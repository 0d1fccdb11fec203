"use strict";
// The quiz page's logic. Bank texts are only ever set with textContent, setAttribute and text nodes, never parsed as HTML.
(() => {
  const data = JSON.parse(document.getElementById("quiz-data").textContent);
  const app = document.getElementById("app");
  const questions = data.questions;

  const say = (key, values = {}) =>
    data.labels[key].replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));

  function make(tag, options = {}, ...children) {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(options)) {
      if (name === "text") element.textContent = value;
      else if (name === "className") element.className = value;
      else element.setAttribute(name, value);
    }
    element.append(...children.filter((child) => child !== null));
    return element;
  }

  const indices = (count) => [...Array(count).keys()];

  // ---- seeded shuffles: a round keeps its order of questions, choices and items across reloads ----

  function hashOf(text) {
    let hash = 2166136261;
    for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 16777619);
    return hash >>> 0;
  }

  function shuffled(items, seed) {
    let state = hashOf(String(seed));
    const random = () => {
      state = (state + 0x6d2b79f5) | 0;
      let t = Math.imul(state ^ (state >>> 15), 1 | state);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const copy = items.slice();
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy;
  }

  // ---- reading typed answers: the rules of quizgen/answers.py ----

  const ARTICLES = new Set(["le", "la", "les", "l", "un", "une", "des", "du", "de", "d", "the", "a", "an"]);
  const LIGATURES = { "œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss" };
  const TYPO_MINIMUM = 5;

  function normalize(text) {
    const plain = text.replace(/[œŒæÆß]/g, (c) => LIGATURES[c]).normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
    const words = plain.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    while (words.length > 1 && ARTICLES.has(words[0])) words.shift();
    while (words.length > 1 && ARTICLES.has(words[words.length - 1])) words.pop();
    return words.join(" ");
  }

  function withinOneEdit(given, expected) {
    if (given === expected) return true;
    if (Math.abs(given.length - expected.length) > 1) return false;
    let start = 0;
    while (start < Math.min(given.length, expected.length) && given[start] === expected[start]) start++;
    if (given.length === expected.length) {
      if (given.slice(start + 1) === expected.slice(start + 1)) return true;
      const swapped = given.slice(start, start + 2).split("").reverse().join("");
      return swapped === expected.slice(start, start + 2) && given.slice(start + 2) === expected.slice(start + 2);
    }
    const [shorter, longer] = given.length < expected.length ? [given, expected] : [expected, given];
    return shorter.slice(start) === longer.slice(start + 1);
  }

  const letters = (text) => (text.match(/\p{L}/gu) || []).length;

  function misspelt(given, expected) {
    if (/\d/.test(expected)) return false;
    if (letters(expected) >= TYPO_MINIMUM && withinOneEdit(given, expected)) return true;
    const mine = given.split(" ");
    const theirs = expected.split(" ");
    return (
      mine.length === theirs.length &&
      mine.every((word, i) => word === theirs[i] || (letters(theirs[i]) >= TYPO_MINIMUM && withinOneEdit(word, theirs[i])))
    );
  }

  // An answer made only of symbols ("€", "?") is compared as written, not as nothing.
  const comparable = (text) => normalize(text) || text.toLowerCase().split(/\s+/).filter(Boolean).join(" ");
  const joined = (words) => words.replaceAll(" ", "");

  // True if `given` spells one of `candidates`, all spellings of one answer (words written together, hyphenated
  // or apart are the same; a one-letter slip is forgiven in long words), false if not, null if empty.
  function matchesText(given, candidates) {
    const mine = comparable(given);
    if (!mine) return null;
    const normalized = candidates.map(comparable);
    if (normalized.some((candidate) => joined(candidate) === joined(mine))) return true;
    return normalized.some((candidate) => misspelt(mine, candidate) || misspelt(joined(mine), joined(candidate)));
  }

  const APPROXIMATELY = /^\s*(?:[~≈]|(?:about|around|approximately|approx\.|roughly|environ|pr[eè]s de|à peu près)\s)\s*/i;
  const NUMBER =
    /^\s*([-+\u2212]?)\s*[$€£¥]?\s*(\d(?:[\d.,]|[ \u00a0\u202f\u2009'\u2019](?=\d))*)(?:\s*[eE]\s*([-+]?\d+)|\s*[x×*]\s*10\s*\^\s*([-+]?\d+))?(.*)$/s;
  const GROUPED = /^\d{1,3}(?: \d{3})+(?:[.,]\d+)?$/;
  const SCALES = {
    k: 3, thousand: 3, thousands: 3, mille: 3, milliers: 3,
    m: 6, mn: 6, mio: 6, million: 6, millions: 6,
    md: 9, mds: 9, mrd: 9, milliard: 9, milliards: 9, bn: 9, b: 9,
    trillion: 12, trillions: 12,
  };
  const THOUSANDS_MARK = { en: ",", fr: "." };

  function scaleWords(lang) {
    // French counts billions and trillions in the long scale.
    if (lang === "fr") return { ...SCALES, billion: 12, billions: 12, trillion: 18, trillions: 18 };
    return { ...SCALES, billion: 9, billions: 9 };
  }

  const finite = (value) => (Number.isFinite(value) ? value : null);

  function readDigits(digits, lang) {
    if (digits.includes(" ")) {
      if (!GROUPED.test(digits)) return null;
      return finite(Number(digits.replaceAll(" ", "").replace(",", ".")));
    }
    const marks = [...digits].filter((c) => c === "." || c === ",");
    if (!marks.length) return finite(Number(digits));
    const last = marks[marks.length - 1];
    if (new Set(marks).size === 2) {
      const other = last === "." ? "," : ".";
      if (digits.lastIndexOf(other) > digits.indexOf(last)) return null;
      return finite(Number(digits.replaceAll(other, "").replaceAll(last, ".")));
    }
    if (marks.length > 1) {
      const groups = digits.split(last);
      if (!groups.slice(1).every((group) => group.length === 3) || groups[0].length < 1 || groups[0].length > 3) return null;
      return finite(Number(groups.join("")));
    }
    const [whole, fraction] = digits.split(last);
    if (fraction.length === 3 && whole !== "0" && (THOUSANDS_MARK[lang] || ",") === last) return finite(Number(whole + fraction));
    return finite(Number(`${whole}.${fraction}`));
  }

  // The number in `text` ("200 millions", "2e8", "1,5 Md", "200 000 000 $"), or null.
  function readNumber(text, lang, unit) {
    const found = NUMBER.exec(text.replace(APPROXIMATELY, "").trim());
    if (!found) return null;
    let value = readDigits(found[2].replace(/[\u00a0\u202f\u2009'\u2019]/g, " "), lang);
    if (value === null) return null;
    const exponent = found[3] || found[4];
    if (exponent !== undefined) value *= 10 ** Number(exponent);
    const rest = found[5].trim();
    if (rest && normalize(rest) !== normalize(unit || "")) {
      const scale = /^([^\W\d_]+)\.?/u.exec(rest.normalize("NFC"));
      const power = scale && scaleWords(lang)[normalize(scale[1])];
      if (power) value *= 10 ** power;
    }
    return found[1] === "-" || found[1] === "\u2212" ? -value : value;
  }

  // ---- grading: a response as the page stores it -> the share of the points it earns, and each part's verdict ----
  // The rule of quizgen/scoring.py (see quizgen.exports.webquiz.credit): multi, (right ticked - wrong ticked) /
  // right choices, at least 0; match, the share of left items given a right item that fits (by text); cloze, the
  // share of blanks right; order, the share of items in their place; number, one choice and typed answers, all or nothing.

  const share = (results) => results.filter(Boolean).length / results.length;

  const grading = {
    mcq: (question, chosen) => ({ credit: chosen === question.answer ? 1 : 0 }),
    multi(question, ticked) {
      const hits = ticked.filter((index) => question.answers.includes(index)).length;
      return { credit: Math.max(0, (hits - (ticked.length - hits)) / question.answers.length) };
    },
    truefalse: (question, value) => ({ credit: value === question.answer ? 1 : 0 }),
    short: (question, typed) => ({ credit: matchesText(typed, question.accepted) ? 1 : 0 }),
    numeric(question, typed) {
      const value = readNumber(typed, data.lang, question.unit);
      const [low, high] = question.bounds;
      const within = (number) => number >= low - 1e-9 && number <= high + 1e-9;
      // In "million pounds", a typed "15.4 million" (read as 15 400 000) is 15.4 too.
      return { credit: value !== null && (within(value) || within(value / 10 ** question.scale)) ? 1 : 0 };
    },
    cloze(question, typed) {
      const blanks = question.parts.filter((part) => part.accepted);
      const parts = blanks.map((blank, i) => matchesText(typed[i] || "", blank.accepted) === true);
      return { credit: share(parts), parts };
    },
    match(question, chosen) {
      // Two left sides may share one right side: a choice is right when its text is the pair's right side.
      const parts = question.solution.map((right, i) => chosen[i] !== null && question.rights[chosen[i]] === question.rights[right]);
      return { credit: share(parts), parts };
    },
    order(question, placed) {
      const parts = placed.map((item, place) => item === place);
      return { credit: share(parts), parts };
    },
  };

  function verdictOf(credit) {
    if (credit >= 1) return "right";
    return credit > 0 ? "partly" : "wrong";
  }

  const round2 = (value) => Math.round(value * 100) / 100;
  const numberText = (value) => round2(value).toLocaleString(data.lang);

  // ---- the state kept in localStorage: a reload resumes where the student was ----

  const VERSION = 1;
  let state = null;

  // An answer as this page stores it for question `index`; anything else (an edited or foreign entry) is ignored.
  function validAnswer(index, answer) {
    if (index === undefined || answer === null || typeof answer !== "object") return false;
    if (answer.skipped === true) return true;
    const { response, credit } = answer;
    const question = questions[index];
    const list = (length) => Array.isArray(response) && (length === null || response.length === length);
    const shapes = {
      mcq: () => Number.isInteger(response) && response >= 0 && response < question.choices.length,
      multi: () => list(null) && response.every((choice) => Number.isInteger(choice) && choice >= 0 && choice < question.choices.length),
      truefalse: () => typeof response === "boolean",
      short: () => typeof response === "string",
      numeric: () => typeof response === "string",
      cloze: () => list(question.parts.filter((part) => part.accepted).length) && response.every((typed) => typeof typed === "string"),
      match: () => list(question.lefts.length) && response.every((chosen) => chosen === null || (Number.isInteger(chosen) && chosen >= 0 && chosen < question.rights.length)),
      order: () => list(question.items.length) && [...response].sort((a, b) => a - b).every((item, place) => item === place),
    };
    return typeof credit === "number" && credit >= 0 && credit <= 1 && shapes[question.type]();
  }

  function validState(saved) {
    const position = (index) => Number.isInteger(index) && index >= 0 && index < questions.length;
    return (
      saved !== null && typeof saved === "object" && saved.version === VERSION &&
      Array.isArray(saved.round) && saved.round.length > 0 && saved.round.every(position) &&
      Number.isInteger(saved.at) && saved.at >= 0 && saved.at <= saved.round.length &&
      saved.answers !== null && typeof saved.answers === "object" && saved.settings !== null && typeof saved.settings === "object" &&
      Object.entries(saved.answers).every(([at, answer]) => validAnswer(saved.round[Number(at)], answer))
    );
  }

  function load() {
    try {
      const saved = JSON.parse(localStorage.getItem(data.key));
      return validState(saved) ? saved : null;
    } catch {
      return null;
    }
  }

  // A browser that keeps nothing (private mode, storage full) still runs the quiz; it just won't resume.
  function save() {
    try {
      localStorage.setItem(data.key, JSON.stringify(state));
    } catch {
      // Nothing to do: the quiz goes on without resuming.
    }
  }

  function admitted(settings) {
    return indices(questions.length).filter((index) => {
      const question = questions[index];
      return (
        (!settings.tags.length || question.tags.some((tag) => settings.tags.includes(tag))) &&
        (!settings.types.length || settings.types.includes(question.type))
      );
    });
  }

  // One question per cluster (a group, or questions that give each other away: quizgen.apart), up to the count.
  function draw(candidates, settings, seed) {
    const ordered = settings.order === "bank" ? candidates : shuffled(candidates, `${seed}:round`);
    const seen = new Set();
    const drawn = [];
    for (const index of ordered) {
      if (settings.count && drawn.length >= settings.count) break;
      if (seen.has(questions[index].cluster)) continue;
      seen.add(questions[index].cluster);
      drawn.push(index);
    }
    return drawn;
  }

  function newRound(settings, round = null) {
    const seed = Math.floor(Math.random() * 2 ** 32);
    const drawn = round || draw(admitted(settings), settings, seed);
    if (!drawn.length) return false;
    state = { version: VERSION, settings, seed, round: drawn, at: 0, answers: {} };
    save();
    return true;
  }

  const current = () => questions[state.round[state.at]];
  const answerAt = (at) => state.answers[String(at)];

  function statusAt(at) {
    const answer = answerAt(at);
    if (!answer) return "new";
    if (answer.skipped) return "skipped";
    return state.settings.mode === "test" ? "answered" : verdictOf(answer.credit);
  }

  function totals() {
    let score = 0;
    let total = 0;
    state.round.forEach((index, at) => {
      const answer = answerAt(at);
      total += questions[index].points;
      if (answer && !answer.skipped) score += answer.credit * questions[index].points;
    });
    return { score, total };
  }

  // ---- one widget per question type: it draws the answer controls, reads them, and marks a graded answer ----
  // read() returns the response, null when nothing is answered, or { message } when the answer can't be read.

  const ICONS = { right: "✓", wrong: "✗", partly: "◐", missed: "○", skipped: "↷", answered: "•", new: "" };

  function mark(kind, text) {
    return make("span", { className: `mark ${kind}` }, make("span", { "aria-hidden": "true", text: `${ICONS[kind]} ` }), text);
  }

  function choiceList(question, kind, seed) {
    const fieldset = make("fieldset", { className: "choices" }, make("legend", { className: "visually-hidden", text: question.prompt }));
    const inputs = shuffled(indices(question.choices.length), `${seed}:${question.id}:choices`).map((index) => {
      const input = make("input", { type: kind, name: "choice", value: String(index) });
      fieldset.append(make("label", { className: "choice" }, input, make("span", { className: "text", text: question.choices[index] })));
      return input;
    });
    return {
      element: fieldset,
      inputs,
      chosen: () => inputs.filter((input) => input.checked).map((input) => Number(input.value)),
      restore: (chosen) => inputs.forEach((input) => (input.checked = chosen.includes(Number(input.value)))),
      focus: () => inputs[0].focus(),
      // Each choice says what it was: chosen and right, ticked wrongly, or a right one the student missed.
      mark(right) {
        for (const input of inputs) {
          const good = right.includes(Number(input.value));
          const label = input.parentElement;
          if (good && input.checked) label.append(mark("right", say("chose_right")));
          else if (input.checked) label.append(mark("wrong", say(kind === "radio" ? "chose_wrong_one" : "chose_wrong")));
          else if (good) label.append(mark("missed", say(kind === "radio" ? "not_chosen" : "missed_choice")));
          if (good || input.checked) label.classList.add(good ? (input.checked ? "is-right" : "is-missed") : "is-wrong");
        }
      },
    };
  }

  const widgets = {
    mcq(question, seed) {
      const list = choiceList(question, "radio", seed);
      return {
        ...list,
        read: () => (list.chosen().length ? list.chosen()[0] : null),
        restore: (chosen) => list.restore([chosen]),
        mark: () => list.mark([question.answer]),
      };
    },

    multi(question, seed) {
      const list = choiceList(question, "checkbox", seed);
      return {
        ...list,
        read: () => (list.chosen().length ? list.chosen() : null),
        mark: () => list.mark(question.answers),
      };
    },

    truefalse(question) {
      // Each button answers at once; both submit the form.
      const buttons = [true, false].map((value) =>
        make("button", { type: "submit", className: "truth", value: String(value), "aria-pressed": "false" }, make("span", { text: say(String(value)) })),
      );
      return {
        element: make("div", { className: "truths", role: "group", "aria-label": question.prompt }, ...buttons),
        answersItself: true,
        focus: () => buttons[0].focus(),
        read: (submitter) => (buttons.includes(submitter) ? submitter.value === "true" : null),
        restore: (value) => buttons.forEach((button) => button.setAttribute("aria-pressed", String((button.value === "true") === value))),
        mark() {
          for (const button of buttons) {
            const right = (button.value === "true") === question.answer;
            const chosen = button.getAttribute("aria-pressed") === "true";
            if (right) button.classList.add(chosen ? "is-right" : "is-missed");
            else if (chosen) button.classList.add("is-wrong");
            if (right) button.append(mark(chosen ? "right" : "missed", say(chosen ? "chose_right" : "not_chosen")));
            else if (chosen) button.append(mark("wrong", say("is_wrong")));
          }
        },
      };
    },

    short() {
      const input = make("input", { type: "text", className: "typed", autocomplete: "off", autocapitalize: "off", spellcheck: "false", "aria-label": say("your_answer") });
      return {
        element: input,
        focus: () => input.focus(),
        read: () => (input.value.trim() ? input.value : null),
        restore: (typed) => (input.value = typed),
        mark: () => {},
      };
    },

    numeric(question) {
      const input = make("input", { type: "text", inputmode: "decimal", className: "typed number", autocomplete: "off", "aria-label": say("your_answer") });
      const unit = question.unit ? make("span", { className: "unit", text: question.unit }) : null;
      return {
        element: make("div", { className: "numeric" }, input, unit),
        focus: () => input.focus(),
        read() {
          if (!input.value.trim()) return null;
          return readNumber(input.value, data.lang, question.unit) === null ? { message: say("not_number") } : input.value;
        },
        restore: (typed) => (input.value = typed),
        mark: () => {},
      };
    },

    cloze(question) {
      const text = make("p", { className: "cloze" });
      const blanks = [];
      for (const part of question.parts) {
        if (part.text !== undefined) {
          text.append(part.text);
          continue;
        }
        const input = make("input", {
          type: "text",
          className: "blank",
          autocomplete: "off",
          size: String(Math.max(6, part.accepted[0].length + 2)),
          "aria-label": say("blank", { number: blanks.length + 1 }),
        });
        if (part.hint) input.setAttribute("placeholder", part.hint);
        const place = make("span", { className: "blank-place" }, input);
        blanks.push({ input, place, answer: part.accepted[0] });
        text.append(place);
      }
      return {
        element: text,
        focus: () => blanks[0].input.focus(),
        read: () => (blanks.every((blank) => !blank.input.value.trim()) ? null : blanks.map((blank) => blank.input.value)),
        restore: (typed) => blanks.forEach((blank, i) => (blank.input.value = typed[i] || "")),
        mark(result) {
          blanks.forEach((blank, i) => {
            blank.input.classList.add(result.parts[i] ? "is-right" : "is-wrong");
            blank.place.append(result.parts[i] ? mark("right", say("is_right")) : mark("wrong", say("should_be", { answer: blank.answer })));
          });
        },
      };
    },

    match(question, seed) {
      const order = shuffled(indices(question.rights.length), `${seed}:${question.id}:rights`);
      const rows = question.lefts.map((left) => {
        const select = make("select", { "aria-label": left }, make("option", { value: "", text: say("choose") }));
        for (const index of order) select.append(make("option", { value: String(index), text: question.rights[index] }));
        return { element: make("label", { className: "pair" }, make("span", { className: "left", text: left }), select), select };
      });
      return {
        element: make("div", { className: "pairs" }, ...rows.map((row) => row.element)),
        focus: () => rows[0].select.focus(),
        read: () => (rows.every((row) => row.select.value === "") ? null : rows.map((row) => (row.select.value === "" ? null : Number(row.select.value)))),
        restore: (chosen) => rows.forEach((row, i) => (row.select.value = chosen[i] === null ? "" : String(chosen[i]))),
        mark(result) {
          rows.forEach((row, i) => {
            row.select.classList.add(result.parts[i] ? "is-right" : "is-wrong");
            const answer = question.rights[question.solution[i]];
            row.element.append(result.parts[i] ? mark("right", say("is_right")) : mark("wrong", say("should_be", { answer })));
          });
        },
      };
    },

    order(question, seed) {
      const list = make("ol", { className: "order" });
      let order = shuffled(indices(question.items.length), `${seed}:${question.id}:items`);
      // Never shown in the right order, which would give the answer away.
      if (order.every((item, place) => item === place)) order = [...order.slice(1), order[0]];
      // After a move, the focus follows the item, on the same arrow while the item can go further that way.
      const move = (item, step) => {
        const place = order.indexOf(item);
        const target = place + step;
        [order[place], order[target]] = [order[target], order[place]];
        drawItems();
        const row = list.children[target];
        const same = row.querySelector(step < 0 ? ".up" : ".down");
        (same.disabled ? row.querySelector(step < 0 ? ".down" : ".up") : same).focus();
      };
      const drawItems = () => {
        list.replaceChildren(
          ...order.map((item, place) => {
            const up = make("button", { type: "button", className: "up", text: "↑", "aria-label": `${say("move_up")}: ${question.items[item]}` });
            const down = make("button", { type: "button", className: "down", text: "↓", "aria-label": `${say("move_down")}: ${question.items[item]}` });
            up.disabled = place === 0;
            down.disabled = place === order.length - 1;
            up.addEventListener("click", () => move(item, -1));
            down.addEventListener("click", () => move(item, 1));
            return make("li", {}, make("span", { className: "item", text: question.items[item] }), make("span", { className: "moves" }, up, down));
          }),
        );
      };
      drawItems();
      return {
        element: list,
        focus: () => (list.querySelector("button:not([disabled])") || list).focus(),
        read: () => order.slice(),
        restore(placed) {
          order = placed.slice();
          drawItems();
        },
        mark(result) {
          // The answer is given: the arrows go, and each item says where it belongs.
          list.classList.add("locked");
          [...list.children].forEach((row, place) => {
            row.classList.add(result.parts[place] ? "is-right" : "is-wrong");
            const right = result.parts[place];
            row.querySelector(".item").after(right ? mark("right", say("in_place")) : mark("wrong", say("out_of_place", { place: order[place] + 1 })));
          });
        },
      };
    },
  };

  // ---- how an answer reads in the review ----

  function responseText(question, response) {
    switch (question.type) {
      case "mcq":
        return question.choices[response];
      case "multi":
        return response.map((index) => question.choices[index]).join("; ");
      case "truefalse":
        return say(String(response));
      case "short":
      case "numeric":
        return response;
      case "cloze":
        return response.map((typed) => typed.trim() || "…").join(" / ");
      case "match":
        return question.lefts.map((left, i) => `${left} → ${response[i] === null ? "…" : question.rights[response[i]]}`).join("; ");
      case "order":
        return response.map((item) => question.items[item]).join(" → ");
    }
    return "";
  }

  // ---- the pages ----

  function verdictLine(question, credit) {
    const kind = verdictOf(credit);
    const text =
      kind === "partly"
        ? say("partly", { credit: numberText(credit * question.points), points: numberText(question.points) })
        : say(kind === "right" ? "right" : "wrong");
    return make("p", { className: `verdict ${kind}` }, make("span", { "aria-hidden": "true", className: "icon", text: ICONS[kind] }), ` ${text}`);
  }

  function teaching(question, box) {
    box.append(make("p", { className: "answer", text: say("answer_line", { answer: question.answerText }) }));
    if (question.explanation) box.append(make("p", { className: "explanation", text: question.explanation }));
    if (question.sourceLine) box.append(make("p", { className: "excerpt", text: question.sourceLine }));
    if (question.sourceLine && data.sourceUrl) {
      box.append(make("p", { className: "link" }, make("a", { href: data.sourceUrl, rel: "noopener noreferrer", text: data.sourceUrl })));
    }
    return box;
  }

  function feedback(question, credit) {
    const box = make("div", { className: `feedback ${verdictOf(credit)}`, tabindex: "-1" });
    box.append(verdictLine(question, credit));
    return teaching(question, box);
  }

  function progressLine() {
    const line = make("p", { className: "progress" }, make("span", { text: say("question_of", { number: state.at + 1, total: state.round.length }) }));
    if (state.settings.mode === "practice") {
      const { score, total } = totals();
      line.append(make("span", { className: "running", text: say("score", { score: numberText(score), total: numberText(total) }) }));
    }
    return line;
  }

  function questionMap() {
    const map = make("details", { className: "map" }, make("summary", { text: say("map") }));
    // Drawn when opened: a round of 10,000 questions needs no 10,000 buttons to show its first question.
    map.addEventListener("toggle", () => {
      if (!map.open || map.querySelector("ol")) return;
      const list = make("ol", { className: "map-list" });
      state.round.forEach((index, at) => {
        const status = statusAt(at);
        const button = make("button", {
          type: "button",
          className: `map-item ${status}`,
          "aria-label": say("map_item", { number: at + 1, state: say(`state_${status}`) }),
        }, make("span", { text: String(at + 1) }), make("span", { className: "map-icon", "aria-hidden": "true", text: ICONS[status] }));
        if (at === state.at) button.setAttribute("aria-current", "step");
        button.addEventListener("click", () => go(at));
        list.append(make("li", {}, button));
      });
      map.append(list);
    });
    return map;
  }

  function optionsPanel() {
    const panel = make("details", { className: "options" }, make("summary", { text: say("options") }));
    panel.addEventListener("toggle", () => {
      if (!panel.open || panel.querySelector("form")) return;
      panel.append(optionsForm(state.settings));
    });
    return panel;
  }

  function checkboxes(name, legend, values, chosen, text) {
    return make(
      "fieldset",
      { className: `option-group ${name}` },
      make("legend", { text: legend }),
      ...values.map((value) => {
        const input = make("input", { type: "checkbox", name, value });
        input.checked = chosen.includes(value);
        return make("label", { className: "option" }, input, make("span", { text: text(value) }));
      }),
    );
  }

  function radios(name, legend, values, chosen) {
    return make(
      "fieldset",
      { className: `option-group ${name}` },
      make("legend", { text: legend }),
      ...values.map(([value, text]) => {
        const input = make("input", { type: "radio", name, value });
        input.checked = chosen === value;
        return make("label", { className: "option" }, input, make("span", { text }));
      }),
    );
  }

  function optionsForm(settings) {
    const form = make("form", { className: "settings", novalidate: "" });
    const tags = [...new Set(questions.flatMap((question) => question.tags))].sort();
    const types = [...new Set(questions.map((question) => question.type))];
    const count = make("input", { type: "number", name: "count", min: "1", max: String(questions.length), inputmode: "numeric", id: "option-count" });
    count.value = settings.count ? String(settings.count) : "";
    count.placeholder = say("all");
    form.append(make("p", {}, make("label", { for: "option-count", text: say("count", { max: questions.length }) }), count));
    if (tags.length) form.append(checkboxes("tags", say("tags"), tags, settings.tags, (tag) => tag));
    form.append(checkboxes("types", say("types"), types, settings.types, (type) => say(`type_${type}`)));
    form.append(radios("order", say("order"), [["shuffled", say("shuffled")], ["bank", say("bank_order")]], settings.order));
    form.append(radios("mode", say("mode"), [["practice", say("practice")], ["test", say("test")]], settings.mode));
    const message = make("p", { className: "message", role: "status" });
    form.append(message, make("button", { type: "submit", className: "action", text: say("restart") }));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const checked = (name) => [...form.querySelectorAll(`input[name=${name}]:checked`)].map((input) => input.value);
      const number = Number.parseInt(count.value, 10);
      const chosen = {
        count: Number.isInteger(number) && number > 0 ? number : null,
        tags: checked("tags"),
        types: checked("types"),
        order: checked("order")[0] || "shuffled",
        mode: checked("mode")[0] || "practice",
      };
      if (newRound(chosen)) show();
      else message.textContent = say("none_left");
    });
    return form;
  }

  function toolbar() {
    const sheet = make("button", { type: "button", className: "tool", text: say("worksheet") });
    sheet.addEventListener("click", showWorksheet);
    const finish = make("button", { type: "button", className: "tool", text: say("finish") });
    finish.addEventListener("click", () => go(state.round.length));
    return make("nav", { className: "bar", "aria-label": say("map") }, questionMap(), optionsPanel(), make("div", { className: "tools" }, sheet, finish));
  }

  function go(at) {
    state.at = at;
    save();
    show();
  }

  function showQuestion() {
    const at = state.at;
    const question = current();
    const widget = widgets[question.type](question, state.seed);
    const saved = answerAt(at);
    const practice = state.settings.mode === "practice";
    const form = make("form", { className: "question", novalidate: "" });
    form.append(progressLine(), make("h2", { className: "prompt", id: "prompt", text: question.prompt }));
    if (question.image) form.append(make("img", { className: "picture", src: question.image, alt: question.alt }));
    if (question.hint) form.append(make("details", { className: "hint" }, make("summary", { text: say("hint") }), make("p", { text: question.hint })));
    form.append(widget.element);
    const message = make("p", { className: "message", role: "status" });
    const result = make("div", { className: "result" });
    const previous = make("button", { type: "button", className: "secondary", text: say("previous") });
    const skip = make("button", { type: "button", className: "secondary", text: say("skip") });
    const action = make("button", { type: "submit", className: "action", text: say(practice ? "check" : "save") });
    previous.disabled = at === 0;
    previous.addEventListener("click", () => go(at - 1));
    skip.addEventListener("click", () => {
      if (!answerAt(at)) state.answers[String(at)] = { skipped: true };
      go(at + 1);
    });
    const buttons = make("div", { className: "buttons" }, previous, skip);
    if (!widget.answersItself) buttons.append(action);
    form.append(message, result, buttons);
    let done = false;

    // In practice mode an answered question stays answered: its marks and feedback come back on a visit.
    const lock = (answer) => {
      done = true;
      widget.restore(answer.response);
      for (const control of widget.element.querySelectorAll("input, select, button")) control.disabled = true;
      const graded = grading[question.type](question, answer.response);
      widget.mark(graded);
      result.replaceChildren(feedback(question, answer.credit));
      skip.remove();
      action.textContent = say("next");
      if (widget.answersItself) buttons.append(action);
    };

    form.addEventListener("submit", (event) => {
      event.preventDefault();
      if (done) {
        go(at + 1);
        return;
      }
      const response = widget.read(event.submitter);
      if (response === null || response.message !== undefined) {
        message.textContent = response === null ? say("empty") : response.message;
        return;
      }
      const answer = { response, credit: grading[question.type](question, response).credit };
      state.answers[String(at)] = answer;
      message.textContent = "";
      if (!practice) {
        go(at + 1);
        return;
      }
      save();
      lock(answer);
      form.querySelector(".progress").replaceWith(progressLine());
      // The feedback takes the focus, so a screen reader reads the verdict; Enter goes on.
      result.firstChild.focus();
    });
    form.addEventListener("keydown", (event) => {
      if (done && event.key === "Enter" && event.target === result.firstChild) {
        event.preventDefault();
        go(at + 1);
      }
    });
    app.replaceChildren(toolbar(), form, make("div", { className: "print-only" }));
    if (saved && !saved.skipped && practice) lock(saved);
    else if (saved && !saved.skipped) widget.restore(saved.response);
    if (done) action.focus();
    else widget.focus();
  }

  function tagScores() {
    const tags = new Map();
    state.round.forEach((index, at) => {
      const question = questions[index];
      const answer = answerAt(at);
      const earned = answer && !answer.skipped ? answer.credit * question.points : 0;
      for (const tag of question.tags.length ? question.tags : [say("no_tag")]) {
        const entry = tags.get(tag) || { score: 0, total: 0 };
        entry.score += earned;
        entry.total += question.points;
        tags.set(tag, entry);
      }
    });
    return [...tags].sort((a, b) => a[1].score / a[1].total - b[1].score / b[1].total || a[0].localeCompare(b[0]));
  }

  function reviewItem(question, answer) {
    const item = make("li", { className: "reviewed" }, make("h4", { className: "review-prompt", text: question.prompt }));
    if (!answer || answer.skipped) {
      item.append(make("p", { className: "verdict unanswered" }, make("span", { "aria-hidden": "true", className: "icon", text: ICONS.skipped }), ` ${say("not_answered")}`));
    } else {
      item.append(verdictLine(question, answer.credit));
      item.append(make("p", { className: "given", text: say("you_answered", { answer: responseText(question, answer.response) }) }));
    }
    return teaching(question, item);
  }

  function showEnd() {
    const { score, total } = totals();
    const missed = state.round.map((index, at) => at).filter((at) => !answerAt(at) || answerAt(at).skipped || answerAt(at).credit < 1);
    const unanswered = state.round.filter((index, at) => !answerAt(at) || answerAt(at).skipped).length;
    const end = make("section", { className: "end", "aria-labelledby": "end-title" });
    end.append(
      make("h2", { id: "end-title", tabindex: "-1", text: say("finished") }),
      make("p", { className: "score", text: say("score", { score: numberText(score), total: numberText(total) }) }),
      make("p", { className: "percent", text: say("percent", { percent: total ? Math.round((100 * score) / total) : 0 }) }),
    );
    if (unanswered) end.append(make("p", { className: "unanswered-count", text: say("unanswered", { count: unanswered }) }));
    const rows = tagScores().map(([tag, entry]) =>
      make("tr", {}, make("th", { scope: "row", text: tag }), make("td", { text: `${numberText(entry.score)} / ${numberText(entry.total)}` })),
    );
    end.append(
      make("h3", { text: say("by_tag") }),
      make("table", { className: "tags" }, make("thead", {}, make("tr", {}, make("th", { scope: "col", text: say("tag") }), make("th", { scope: "col", text: say("points") }))), make("tbody", {}, ...rows)),
      make("h3", { text: say("missed") }),
    );
    if (missed.length) {
      end.append(make("ol", { className: "review" }, ...missed.map((at) => reviewItem(questions[state.round[at]], answerAt(at)))));
    } else {
      end.append(make("p", { text: say("nothing_missed") }));
    }
    const buttons = make("div", { className: "buttons" });
    if (missed.length) {
      const retry = make("button", { type: "button", className: "action", text: say("retry") });
      retry.addEventListener("click", () => {
        newRound(state.settings, missed.map((at) => state.round[at]));
        show();
      });
      buttons.append(retry);
    }
    const restart = make("button", { type: "button", className: "secondary", text: say("restart") });
    restart.addEventListener("click", () => {
      newRound(state.settings);
      show();
    });
    const previous = make("button", { type: "button", className: "secondary", text: say("back") });
    previous.addEventListener("click", () => go(state.round.length - 1));
    const print = make("button", { type: "button", className: "secondary", text: say("print") });
    print.addEventListener("click", () => window.print());
    buttons.append(restart, previous, print);
    end.append(buttons);
    app.replaceChildren(end);
    end.querySelector("h2").focus();
  }

  // ---- the worksheet: every question of the round on paper, with boxes and lines instead of controls ----

  function sheetQuestion(question) {
    const item = make("li", { className: "sheet-question" }, make("p", { className: "sheet-prompt", text: question.prompt }));
    if (question.image) item.append(make("img", { className: "picture", src: question.image, alt: question.alt }));
    const boxes = (texts, instruction) =>
      item.append(make("p", { className: "instruction", text: instruction }), make("ul", { className: "boxes" }, ...texts.map((text) => make("li", { text: `☐ ${text}` }))));
    const line = () => item.append(make("p", { className: "line", text: question.unit ? `______________________ ${question.unit}` : "______________________________" }));
    switch (question.type) {
      case "mcq":
      case "multi":
        boxes(
          shuffled(question.choices, `${state.seed}:${question.id}:choices`),
          say(question.type === "mcq" ? "choices_one" : "choices_all"),
        );
        break;
      case "truefalse":
        item.append(make("p", { className: "instruction", text: say("true_false") }));
        break;
      case "cloze":
        item.append(make("p", { className: "cloze" }, ...question.parts.map((part) => (part.text !== undefined ? part.text : "__________"))));
        break;
      case "match": {
        const letter = (i) => String.fromCharCode(97 + (i % 26)) + (i >= 26 ? String(Math.floor(i / 26)) : "");
        item.append(
          make("p", { className: "instruction", text: say("link") }),
          make("div", { className: "sheet-match" },
            make("ol", {}, ...question.lefts.map((left) => make("li", { text: `${left}  ____` }))),
            make("ul", { className: "letters" },
              ...shuffled(question.rights, `${state.seed}:${question.id}:rights`).map((right, i) => make("li", { text: `${letter(i)}) ${right}` })))),
        );
        break;
      }
      case "order":
        boxes(shuffled(question.items, `${state.seed}:${question.id}:sheet`), say("rank"));
        break;
      default:
        line();
    }
    return item;
  }

  function worksheet() {
    return make(
      "section",
      { className: "worksheet", "aria-labelledby": "sheet-title" },
      make("h2", { id: "sheet-title", tabindex: "-1", text: say(state.round.length === 1 ? "worksheet_title_one" : "worksheet_title", { count: state.round.length }) }),
      make("p", { className: "name", text: `${say("name")} ______________________________` }),
      make("ol", { className: "sheet" }, ...state.round.map((index) => sheetQuestion(questions[index]))),
    );
  }

  function showWorksheet() {
    const print = make("button", { type: "button", className: "action", text: say("print") });
    print.addEventListener("click", () => window.print());
    const back = make("button", { type: "button", className: "secondary", text: say("back") });
    back.addEventListener("click", show);
    const sheet = worksheet();
    app.replaceChildren(make("div", { className: "buttons" }, print, back), sheet);
    sheet.querySelector("h2").focus();
  }

  // Printing from a question prints the whole round as a worksheet, never one question with its buttons.
  window.addEventListener("beforeprint", () => {
    const slot = app.querySelector(".print-only");
    if (slot && !slot.firstChild) slot.append(worksheet());
  });

  const show = () => (state.at < state.round.length ? showQuestion() : showEnd());

  state = load();
  if (!state) {
    const settings = { count: data.defaults.count, tags: data.defaults.tags, types: data.defaults.types, order: data.defaults.order, mode: data.defaults.mode };
    if (!newRound(settings)) newRound({ ...settings, tags: [], types: [] });
  }
  show();
})();
