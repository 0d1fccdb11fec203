/* quizgen card script: the front shuffles the choices and lets the learner tap them; the back puts the
   choices in the same order and marks the picks. Without this script the card still reads and grades
   right: the choices then keep the fixed order written in the note.

   The front hands its order and picks to the back through a window variable (Anki desktop and
   AnkiMobile keep the page between the two sides) and sessionStorage (for clients that load a new
   page for the back), as add-ons such as anki-persistence do. It may run twice for one side (Anki
   draws a question twice when its window gets the focus late): each run starts from the note's own
   order. */
(function () {
  "use strict";
  var roots = document.querySelectorAll(".quizgen[data-note]");
  var root = roots[roots.length - 1];
  if (!root || root.getAttribute("data-ready")) {
    return;
  }
  root.setAttribute("data-ready", "1");
  var key = "quizgen:" + root.getAttribute("data-note");
  var kept = (window.quizgenCards = window.quizgenCards || {});

  function load() {
    if (kept[key]) {
      return kept[key];
    }
    try {
      var text = window.sessionStorage.getItem(key);
      return text ? JSON.parse(text) : null;
    } catch (error) {
      return null;
    }
  }

  function save(state) {
    kept[key] = state;
    try {
      window.sessionStorage.setItem(key, JSON.stringify(state));
    } catch (error) {
      /* no storage (private mode, a previewer): the window variable is enough on one page */
    }
  }

  function children(list) {
    return Array.prototype.slice.call(list.children);
  }

  function choiceOf(item) {
    return item.getAttribute("data-choice");
  }

  function letter(index) {
    var name = "";
    index += 1;
    while (index) {
      name = String.fromCharCode(65 + ((index - 1) % 26)) + name;
      index = Math.floor((index - 1) / 26);
    }
    return name;
  }

  /* Put the list's items in `order` (choice numbers) and letter them A, B, C... again; an order that
     does not name exactly the list's choices (the note was edited since) is ignored. */
  function arrange(list, order) {
    var items = children(list);
    var byChoice = {};
    items.forEach(function (item) {
      byChoice[choiceOf(item)] = item;
    });
    var complete = order.length === items.length && order.every(function (choice) {
      return Object.prototype.hasOwnProperty.call(byChoice, choice);
    });
    if (!complete) {
      return false;
    }
    order.forEach(function (choice, shown) {
      var item = byChoice[choice];
      list.appendChild(item);
      var label = item.querySelector(".key");
      if (label && list.getAttribute("data-kind") !== "truefalse") {
        label.textContent = letter(shown);
      }
    });
    return true;
  }

  function shuffled(values) {
    var copy = values.slice();
    for (var i = copy.length - 1; i > 0; i--) {
      var j = Math.floor(Math.random() * (i + 1));
      var swap = copy[i];
      copy[i] = copy[j];
      copy[j] = swap;
    }
    return copy;
  }

  function showPicks(list, picked) {
    children(list).forEach(function (item) {
      item.classList.toggle("picked", picked.indexOf(choiceOf(item)) >= 0);
    });
  }

  var front = root.querySelector(".choices > .options[data-kind]");
  if (front) {
    var kind = front.getAttribute("data-kind");
    var choices = children(front).map(choiceOf);
    var state = { order: kind === "truefalse" ? choices : shuffled(choices), picked: [] };
    arrange(front, state.order);
    save(state);
    front.classList.add("tappable");
    children(front).forEach(function (item) {
      item.setAttribute("role", "button");
      item.addEventListener("click", function () {
        var choice = choiceOf(item);
        var at = state.picked.indexOf(choice);
        if (kind === "multi") {
          if (at >= 0) {
            state.picked.splice(at, 1);
          } else {
            state.picked.push(choice);
          }
        } else {
          state.picked = [choice];
        }
        showPicks(front, state.picked);
        save(state);
        /* A true/false pill is the answer: turn the card over where the client lets a card do so. */
        if (kind === "truefalse" && typeof window.pycmd === "function") {
          window.pycmd("ans");
        }
      });
    });
  }

  var back = root.querySelector(".answer .options[data-kind]");
  if (back) {
    var shown = load();
    if (shown && Array.isArray(shown.order) && Array.isArray(shown.picked)) {
      arrange(back, shown.order);
      showPicks(back, shown.picked);
      if (shown.picked.length) {
        root.classList.add("answered");
      }
    }
  }
})();
