// The focal point picker: click on the image to set the point crops keep in view.
// The previews show the crops exactly as briefs.images.crop_box makes them.
(function () {
  "use strict";
  var RATIOS = { card: [3, 2], square: [1, 1] };

  function cropBox(width, height, fx, fy, ratio) {
    var bw, bh;
    if (width * ratio[1] > height * ratio[0]) {
      bw = Math.max(1, Math.round(height * ratio[0] / ratio[1])); bh = height;
    } else {
      bw = width; bh = Math.max(1, Math.round(width * ratio[1] / ratio[0]));
    }
    var left = Math.min(Math.max(Math.round(fx * width - bw / 2), 0), width - bw);
    var top = Math.min(Math.max(Math.round(fy * height - bh / 2), 0), height - bh);
    return { left: left, top: top, width: bw, height: bh };
  }

  function start() {
    var picker = document.querySelector(".desk-focal");
    if (!picker) return;
    var image = picker.querySelector(".desk-focal__image");
    var marker = picker.querySelector(".desk-focal__marker");
    var inputX = document.getElementById("id_focal_x");
    var inputY = document.getElementById("id_focal_y");
    var upload = document.getElementById("id_file");

    function value(input, fallback) {
      var number = parseFloat(input && input.value);
      return isNaN(number) ? fallback : Math.min(Math.max(number, 0), 1);
    }

    function show() {
      var fx = value(inputX, 0.5), fy = value(inputY, 0.5);
      marker.style.left = (fx * 100) + "%";
      marker.style.top = (fy * 100) + "%";
      var width = image.naturalWidth, height = image.naturalHeight;
      if (!width || !height) return;
      picker.querySelectorAll(".desk-focal__crop").forEach(function (box) {
        var ratio = box.classList.contains("desk-focal__crop--square") ? RATIOS.square : RATIOS.card;
        var crop = cropBox(width, height, fx, fy, ratio);
        var px = width > crop.width ? crop.left / (width - crop.width) : 0.5;
        var py = height > crop.height ? crop.top / (height - crop.height) : 0.5;
        box.querySelector("img").style.objectPosition = (px * 100) + "% " + (py * 100) + "%";
      });
    }

    image.addEventListener("click", function (event) {
      var rect = image.getBoundingClientRect();
      var fx = (event.clientX - rect.left) / rect.width;
      var fy = (event.clientY - rect.top) / rect.height;
      inputX.value = Math.min(Math.max(fx, 0), 1).toFixed(3);
      inputY.value = Math.min(Math.max(fy, 0), 1).toFixed(3);
      show();
    });
    [inputX, inputY].forEach(function (input) {
      if (input) input.addEventListener("input", show);
    });
    image.addEventListener("load", show);
    if (upload) {
      // A new file: pick its focal point before it is even saved.
      upload.addEventListener("change", function () {
        var file = upload.files && upload.files[0];
        if (!file) return;
        var url = URL.createObjectURL(file);
        picker.querySelectorAll("img").forEach(function (img) { img.src = url; });
        image.hidden = false;
      });
    }
    show();
  }
  if (document.readyState !== "loading") start();
  else document.addEventListener("DOMContentLoaded", start);
})();
