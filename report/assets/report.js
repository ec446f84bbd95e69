/* SPDX-License-Identifier: MIT */
/* assay report html: sorting and filtering tables, showing kinds of lines, n/p between findings. */
(function () {
	"use strict";
	function value(cell, text) {
		var v = cell.getAttribute("data-v");
		if (v === null) v = cell.textContent;
		return text ? v.toLowerCase() : parseFloat(v);
	}
	function sortBy(table, th, col) {
		var body = table.tBodies[0], rows = Array.prototype.slice.call(body.rows);
		var text = th.getAttribute("data-type") === "text";
		var asc = !th.classList.contains("asc");
		Array.prototype.forEach.call(th.parentNode.cells, function (c) { c.classList.remove("asc", "desc"); });
		th.classList.add(asc ? "asc" : "desc");
		rows.sort(function (a, b) {
			var x = value(a.cells[col], text), y = value(b.cells[col], text);
			if (x < y) return asc ? -1 : 1;
			if (x > y) return asc ? 1 : -1;
			return 0;
		});
		rows.forEach(function (r) { body.appendChild(r); });
	}
	Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), function (table) {
		Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, col) {
			th.addEventListener("click", function () { sortBy(table, th, col); });
		});
	});
	function refilter() {
		var nameBox = document.querySelector(".filter"), band = document.querySelector(".band");
		var q = nameBox ? nameBox.value.toLowerCase() : "", limit = band && band.value !== "" ? parseFloat(band.value) : null;
		Array.prototype.forEach.call(document.querySelectorAll("table.sortable tbody tr"), function (r) {
			var name = (r.getAttribute("data-name") || "").toLowerCase(), pct = parseFloat(r.getAttribute("data-pct"));
			var out = (q && name.indexOf(q) < 0) ||
				(limit !== null && !(limit === 0 ? pct === 0 : pct < limit));
			r.classList.toggle("filtered", !!out);
		});
	}
	Array.prototype.forEach.call(document.querySelectorAll(".filter, .band"), function (el) {
		el.addEventListener("input", refilter);
		el.addEventListener("change", refilter);
	});
	/* the kinds of lines to show, on a source page: the page has them only where the script runs */
	var src = document.querySelector("table.src");
	if (src) {
		/* a covered line comes with no class (the most common kind, a class on each was 1.6 MB): its hits tell */
		Array.prototype.forEach.call(src.tBodies[0].rows, function (r) {
			if (!r.className && r.cells[0].firstChild) r.className = "c";
		});
		var bar = document.createElement("div");
		bar.className = "toolbar";
		bar.innerHTML = "Show: " + [["c", "covered"], ["u", "uncovered"], ["p", "partial"], ["m", "mutants"],
			["f", "flaky"]].map(function (k) {
			return "<label><input type=checkbox data-show=" + k[0] + " checked> " + k[1] + "</label>";
		}).join(" ") + " <span class=keys><kbd>n</kbd>/<kbd>p</kbd> next/previous uncovered line or surviving mutant</span>";
		src.parentNode.insertBefore(bar, src);
	}
	Array.prototype.forEach.call(document.querySelectorAll("input[data-show]"), function (box) {
		box.addEventListener("change", function () {
			document.body.classList.toggle("hide-" + box.getAttribute("data-show"), !box.checked);
		});
	});
	/*
	 * A source line's number links to it (a click sets #L12), as an <a> on each would, in fewer bytes.
	 * The number is the row's ::before, so a click on it is one on the row itself, not on a cell.
	 */
	Array.prototype.forEach.call(document.querySelectorAll("table.src tbody"), function (body) {
		body.addEventListener("click", function (e) {
			if (e.target.tagName === "TR" && e.target.id) location.hash = e.target.id;
		});
	});
	var findings = document.querySelectorAll("table.src tr.u, table.src tr[id].ms"), at = -1;
	function go(step) {
		if (!findings.length) return;
		var y = window.scrollY, i;
		if (at < 0) {
			for (i = 0; i < findings.length && findings[i].getBoundingClientRect().top + y <= y + 60; i++);
			at = step > 0 ? i - 1 : i;
		}
		at = (at + step + findings.length) % findings.length;
		var row = findings[at];
		history.replaceState(null, "", "#" + row.id);
		row.scrollIntoView({ block: "center" });
		document.body.setAttribute("data-at", row.id);
	}
	document.addEventListener("keydown", function (e) {
		if (e.target && (e.target.tagName === "INPUT" || e.target.tagName === "SELECT")) return;
		if (e.key === "n") go(1);
		else if (e.key === "p") go(-1);
	});
})();
