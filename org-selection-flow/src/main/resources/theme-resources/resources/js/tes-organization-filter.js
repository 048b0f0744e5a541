// Narrows the organization picker to the options whose name contains the typed text.
(function () {
    var filter = document.getElementById("tes-organization-filter");
    if (!filter) {
        return;
    }
    var options = document.querySelectorAll(".tes-organization-option");
    filter.addEventListener("input", function () {
        var text = filter.value.trim().toLowerCase();
        options.forEach(function (option) {
            option.hidden = text !== "" && option.getAttribute("data-name").indexOf(text) < 0;
        });
    });
})();
