import InsightBarcodes
import Testing

@Suite struct GrayImageTests {
    @Test func fillRectClipsToTheImage() {
        var image = GrayImage(width: 4, height: 3)
        image.fillRect(x: -1, y: 2, width: 3, height: 5, value: 7)
        #expect(image.pixels == [255, 255, 255, 255, 255, 255, 255, 255, 7, 7, 255, 255])
        image.fillRect(x: 10, y: 10, width: 3, height: 3, value: 0)
        image.fillRect(x: 0, y: 0, width: -3, height: 3, value: 0)
        #expect(image.pixels.filter { $0 == 0 }.isEmpty)
    }

    @Test func blitCopiesAndClips() {
        var stamp = GrayImage(width: 2, height: 2)
        stamp[0, 0] = 1; stamp[1, 0] = 2; stamp[0, 1] = 3; stamp[1, 1] = 4
        var image = GrayImage(width: 3, height: 3, value: 9)
        image.blit(stamp, x: 2, y: -1)
        #expect(image.pixels == [9, 9, 3, 9, 9, 9, 9, 9, 9])
        image.blit(stamp, x: 0, y: 1)
        #expect(image.pixels == [9, 9, 3, 1, 2, 9, 3, 4, 9])
    }

    @Test func wrapsGivenPixels() {
        let image = GrayImage(width: 3, height: 2, pixels: [1, 2, 3, 4, 5, 6])
        #expect(image[2, 0] == 3 && image[0, 1] == 4)
        #expect(image == GrayImage(width: 3, height: 2, pixels: [1, 2, 3, 4, 5, 6]))
    }

    @Test func darkenKeepsTheDarkerPixelAndClips() {
        let stamp = GrayImage(width: 2, height: 2, pixels: [0, 255, 100, 200])
        var image = GrayImage(width: 3, height: 3, value: 150)
        image.darken(with: stamp, x: 1, y: 1)
        #expect(image.pixels == [150, 150, 150, 150, 0, 150, 150, 100, 150])
        image.darken(with: stamp, x: -1, y: -1)
        #expect(image.pixels == [150, 150, 150, 150, 0, 150, 150, 100, 150])
        image.darken(with: stamp, x: 2, y: 2)
        #expect(image.pixels == [150, 150, 150, 150, 0, 150, 150, 100, 0])
    }

    @Test func drawsModulesInsideAWhiteQuietZone() throws {
        let code = try QRCode(string: "hello")
        var image = GrayImage(width: 100, height: 100, value: 128)
        try image.draw(code, x: 5, y: 7, moduleSize: 2, quietZone: 4)
        let side = code.pixelSize(moduleSize: 2, quietZone: 4)
        for y in 0..<side {
            for x in 0..<side {
                let module = (x / 2 - 4, y / 2 - 4)
                let inSymbol = (0..<code.width).contains(module.0) && (0..<code.width).contains(module.1)
                let isDark = inSymbol && code.modules[module.1][module.0]
                #expect(image[5 + x, 7 + y] == (isDark ? GrayImage.black : GrayImage.white))
            }
        }
        #expect(image[4, 7] == 128 && image[5 + side, 7] == 128 && image[5, 6] == 128 && image[5, 7 + side] == 128)
        #expect(throws: BarcodeError.self) { try image.draw(code, x: 0, y: 0, moduleSize: 0) }
    }
}
