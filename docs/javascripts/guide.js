// The decision guide of "Which framework?": ranks the frameworks as the reader answers.
// Every reason and its points are already in the page (rosetta.guide.page writes them from
// scripts/facts/decision_guide.toml); this script shows the reasons of the chosen answers, adds up
// their points and orders the frameworks, ties in the page's order: rosetta.guide.data.rank.
function rankFrameworks(guide, firstSummary) {
  const chosen = new Set(
    [...guide.querySelectorAll("input[type=radio]:checked")]
      .filter((input) => input.value)
      .map((input) => `${input.name}=${input.value}`),
  );
  const cards = [...guide.querySelectorAll(".rosetta-guide__framework")];
  for (const card of cards) {
    let points = 0;
    for (const reason of card.querySelectorAll("[data-answer]")) {
      reason.hidden = !chosen.has(reason.dataset.answer);
      if (!reason.hidden) points += Number(reason.dataset.points);
    }
    card.dataset.points = points;
    card.querySelector(".rosetta-guide__points").textContent = `${points} point${Math.abs(points) === 1 ? "" : "s"}`;
  }
  cards.sort((a, b) => b.dataset.points - a.dataset.points || a.dataset.order - b.dataset.order);
  guide.querySelector(".rosetta-guide__ranking").append(...cards);
  const top = cards.filter((card) => card.dataset.points === cards[0].dataset.points);
  const names = top.map((card) => card.querySelector(".rosetta-guide__name strong").textContent);
  const leaders = names.length === 1 ? `${names[0]} first` : `${names.slice(0, -1).join(", ")} and ${names.at(-1)} share first place`;
  guide.querySelector(".rosetta-guide__summary").textContent = chosen.size === 0
    ? firstSummary
    : `For your ${chosen.size} answer${chosen.size === 1 ? "" : "s"}: ${leaders}, with ${cards[0].dataset.points} points.`;
}

document$.subscribe(() => {
  const guide = document.getElementById("rosetta-guide");
  if (!guide) return;
  const firstSummary = guide.querySelector(".rosetta-guide__summary").textContent;  // the page's own, for no answer
  guide.addEventListener("change", () => rankFrameworks(guide, firstSummary));
  rankFrameworks(guide, firstSummary);
});
