"use strict";
// The quiz page's logic. Bank texts are only ever set with textContent, setAttribute and text nodes, never parsed as HTML.
(() => {
  const data = JSON.parse(document.getElementById("quiz-data").textContent);
  const app = document.getElementById("app");
  const questions = data.questions;
  let position = 0;
  let score = 0;

  const say = (key, values = {}) =>
    data.labels[key].replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));

  function make(tag, options = {}, ...children) {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(options)) {
      if (name === "text") element.textContent = value;
      else if (name === "className") element.className = value;
      else element.setAttribute(name, value);
    }
    element.append(...children);
    return element;
  }

  // Choices, drop-down options and items to order are shuffled anew on each visit.
  function shuffled(items) {
    const copy = items.slice();
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy;
  }

  const indices = (count) => [...Array(count).keys()];

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

  // True if `given` spells one of `candidates` (a one-letter slip forgiven in long words), false if not, null if empty.
  function matchesText(given, candidates) {
    const mine = normalize(given);
    if (!mine) return null;
    const normalized = candidates.map(normalize);
    if (normalized.includes(mine)) return true;
    return new Set(normalized.filter((candidate) => misspelt(mine, candidate))).size === 1;
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

  // ---- one widget per question type: it draws the answer controls and grades them ----
  // grade() returns true (right), false (wrong), null (nothing answered yet) or a message to show instead.

  function choiceList(question, kind) {
    const fieldset = make("fieldset", { className: "choices" }, make("legend", { className: "visually-hidden", text: question.prompt }));
    const inputs = shuffled(indices(question.choices.length)).map((index) => {
      const input = make("input", { type: kind, name: "choice", value: String(index) });
      fieldset.append(make("label", { className: "choice" }, input, make("span", { text: question.choices[index] })));
      return input;
    });
    const chosen = () => inputs.filter((input) => input.checked).map((input) => Number(input.value));
    const mark = (right) => {
      for (const input of inputs) {
        const good = right.includes(Number(input.value));
        if (good || input.checked) input.parentElement.classList.add(good ? "is-right" : "is-wrong");
      }
    };
    return { element: fieldset, chosen, mark, focus: () => inputs[0].focus() };
  }

  const widgets = {
    mcq(question) {
      const list = choiceList(question, "radio");
      return {
        ...list,
        grade() {
          const chosen = list.chosen();
          if (!chosen.length) return null;
          list.mark([question.answer]);
          return chosen[0] === question.answer;
        },
      };
    },

    multi(question) {
      const list = choiceList(question, "checkbox");
      return {
        ...list,
        grade() {
          const chosen = list.chosen();
          if (!chosen.length) return null;
          list.mark(question.answers);
          return chosen.length === question.answers.length && chosen.every((index) => question.answers.includes(index));
        },
      };
    },

    truefalse(question) {
      // Each button answers at once; both submit the form.
      const buttons = [true, false].map((value) =>
        make("button", { type: "submit", className: "truth", value: String(value), text: say(String(value)) }),
      );
      return {
        element: make("div", { className: "truths" }, ...buttons),
        answersItself: true,
        focus: () => buttons[0].focus(),
        grade(submitter) {
          if (!buttons.includes(submitter)) return null;
          for (const button of buttons) {
            const right = (button.value === "true") === question.answer;
            if (right || button === submitter) button.classList.add(right ? "is-right" : "is-wrong");
          }
          return (submitter.value === "true") === question.answer;
        },
      };
    },

    short(question) {
      const input = make("input", { type: "text", className: "typed", autocomplete: "off", autocapitalize: "off", spellcheck: "false", "aria-label": say("web_your_answer") });
      return {
        element: input,
        focus: () => input.focus(),
        grade: () => matchesText(input.value, [question.answer, ...question.accept]),
      };
    },

    numeric(question) {
      const input = make("input", { type: "text", inputmode: "decimal", className: "typed number", autocomplete: "off", "aria-label": say("web_your_answer") });
      const unit = question.unit ? make("span", { className: "unit", text: question.unit }) : "";
      return {
        element: make("div", { className: "numeric" }, input, unit),
        focus: () => input.focus(),
        grade() {
          if (!input.value.trim()) return null;
          const value = readNumber(input.value, data.lang, question.unit);
          if (value === null) return say("web_not_number");
          const [low, high] = question.bounds;
          const slack = 1e-9 * Math.max(1, Math.abs(low), Math.abs(high));
          return value >= low - slack && value <= high + slack;
        },
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
          size: String(Math.max(6, part.answer.length + 2)),
          "aria-label": say("web_blank", { number: blanks.length + 1 }),
        });
        if (part.hint) input.setAttribute("placeholder", part.hint);
        blanks.push({ input, answer: part.answer });
        text.append(input);
      }
      return {
        element: text,
        focus: () => blanks[0].input.focus(),
        grade() {
          if (blanks.every((blank) => !blank.input.value.trim())) return null;
          const results = blanks.map((blank) => matchesText(blank.input.value, [blank.answer]) === true);
          blanks.forEach((blank, i) => blank.input.classList.add(results[i] ? "is-right" : "is-wrong"));
          return results.every(Boolean);
        },
      };
    },

    match(question) {
      const rights = [...new Set(question.pairs.map((pair) => pair[1]))];
      const order = shuffled(indices(rights.length));
      const rows = question.pairs.map(([left, right]) => {
        const select = make("select", { "aria-label": left }, make("option", { value: "", text: say("web_choose") }));
        for (const index of order) select.append(make("option", { value: String(index), text: rights[index] }));
        return { element: make("label", { className: "pair" }, make("span", { className: "left", text: left }), select), select, right };
      });
      return {
        element: make("div", { className: "pairs" }, ...rows.map((row) => row.element)),
        focus: () => rows[0].select.focus(),
        grade() {
          if (rows.every((row) => row.select.value === "")) return null;
          const results = rows.map((row) => row.select.value !== "" && rights[Number(row.select.value)] === row.right);
          rows.forEach((row, i) => row.select.classList.add(results[i] ? "is-right" : "is-wrong"));
          return results.every(Boolean);
        },
      };
    },

    order(question) {
      const list = make("ol", { className: "order" });
      let order;
      do order = shuffled(indices(question.items.length));
      while (order.every((item, place) => item === place));
      // After a move, the focus follows the item, on the same arrow while the item can go further that way.
      const move = (item, step) => {
        const place = order.indexOf(item);
        const target = place + step;
        [order[place], order[target]] = [order[target], order[place]];
        draw();
        const row = list.children[target];
        const same = row.querySelector(step < 0 ? ".up" : ".down");
        (same.disabled ? row.querySelector(step < 0 ? ".down" : ".up") : same).focus();
      };
      const draw = () => {
        list.replaceChildren(
          ...order.map((item, place) => {
            const up = make("button", { type: "button", className: "up", text: "↑", "aria-label": `${say("web_move_up")}: ${question.items[item]}` });
            const down = make("button", { type: "button", className: "down", text: "↓", "aria-label": `${say("web_move_down")}: ${question.items[item]}` });
            up.disabled = place === 0;
            down.disabled = place === order.length - 1;
            up.addEventListener("click", () => move(item, -1));
            down.addEventListener("click", () => move(item, 1));
            return make("li", {}, make("span", { className: "item", text: question.items[item] }), make("span", { className: "moves" }, up, down));
          }),
        );
      };
      draw();
      return {
        element: list,
        focus: () => (list.querySelector("button:not([disabled])") || list).focus(),
        grade: () => order.every((item, place) => item === place),
      };
    },
  };

  // ---- the pages ----

  function feedback(question, right) {
    const box = make("div", { className: `feedback ${right ? "right" : "wrong"}` });
    box.append(make("p", { className: "verdict", text: say(right ? "web_right" : "web_wrong") }));
    box.append(make("p", { className: "answer", text: say("answer_line", { answer: question.answerText }) }));
    if (question.explanation) box.append(make("p", { className: "explanation", text: question.explanation }));
    if (question.sourceLine) box.append(make("p", { className: "excerpt", text: question.sourceLine }));
    if (question.sourceLine && data.sourceUrl) {
      box.append(make("p", { className: "link" }, make("a", { href: data.sourceUrl, rel: "noopener noreferrer", text: data.sourceUrl })));
    }
    return box;
  }

  function showQuestion() {
    const question = questions[position];
    const widget = widgets[question.type](question);
    const form = make("form", { className: "question", novalidate: "" });
    form.append(make("p", { className: "progress", text: `${position + 1} / ${questions.length}` }));
    form.append(make("h2", { className: "prompt", text: question.prompt }));
    if (question.hint) form.append(make("details", { className: "hint" }, make("summary", { text: say("hint") }), make("p", { text: question.hint })));
    form.append(widget.element);
    const message = make("p", { className: "message", role: "status" });
    const action = make("button", { type: "submit", className: "action", text: say("web_check") });
    const result = make("div", { className: "result", "aria-live": "polite" });
    form.append(message, result);
    if (!widget.answersItself) form.append(action);
    let done = false;
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      if (done) {
        position += 1;
        show();
        return;
      }
      const verdict = widget.grade(event.submitter);
      if (verdict === null || typeof verdict === "string") {
        message.textContent = verdict || say("web_empty");
        return;
      }
      done = true;
      if (verdict) score += 1;
      message.textContent = "";
      for (const control of form.querySelectorAll("input, select, button")) control.disabled = control !== action;
      result.append(feedback(question, verdict));
      action.textContent = say("web_next");
      form.append(action);
      action.focus();
    });
    app.replaceChildren(form);
    widget.focus();
  }

  function showScore() {
    const restart = make("button", { type: "button", className: "action", text: say("web_restart") });
    restart.addEventListener("click", () => {
      position = 0;
      score = 0;
      show();
    });
    app.replaceChildren(
      make("section", { className: "end" },
        make("h2", { text: say("web_finished") }),
        make("p", { className: "score", text: say("web_score", { score, total: questions.length }) }),
        restart),
    );
    restart.focus();
  }

  const show = () => (position < questions.length ? showQuestion() : showScore());
  show();
})();
