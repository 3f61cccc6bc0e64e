// The workflow designer's two browser helpers (the console allows scripts of its own origin only).
window.reductionDesigner = {
    focus: function (id) {
        var element = document.getElementById(id);
        if (element) {
            element.scrollIntoView({ block: "center" });
            element.focus();
        }
    },
    download: function (name, type, text) {
        var blob = new Blob([text], { type: type });
        var link = document.createElement("a");
        link.href = URL.createObjectURL(blob);
        link.download = name;
        document.body.appendChild(link);
        link.click();
        link.remove();
        setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
    }
};
