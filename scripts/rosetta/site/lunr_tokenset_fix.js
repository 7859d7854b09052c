
// DL Rosetta, appended to the theme's search worker by scripts/hooks/assets.py.
// lunr 2.3.9 keys a node of its token set by its edges' labels and child ids run together, so
// label "1" with child 23 and label "12"... with child 3 can give the same key when labels are
// digits; minimising the index's token set then merges two different nodes, a prefix query
// expands to a word the index does not hold, and the search shows nothing ("Cannot read
// properties of undefined (reading '_index')", olivernn/lunr.js#314 and #279). Which queries
// break depends on the numbers a build prints. A separator between label and id cannot collide.
(function (lunr) {
  if (!lunr || !lunr.TokenSet) {
    return;
  }
  lunr.TokenSet.prototype.toString = function () {
    if (this._str) {
      return this._str;
    }
    var key = this.final ? "1" : "0";
    var labels = Object.keys(this.edges).sort();
    for (var i = 0; i < labels.length; i++) {
      key += "\u0000" + labels[i] + "\u0001" + this.edges[labels[i]].id;
    }
    this._str = key;
    return key;
  };
})(self.lunr);
