import LanguageServer
import Testing

@Suite struct DocumentURITests {
  @Test func fileURIsNameTheirDecodedPath() {
    #expect(DocumentURI.path(of: "file:///home/a/flow.py") == "/home/a/flow.py")
    #expect(DocumentURI.path(of: "file:///home/a%20b/caf%C3%A9.py") == "/home/a b/café.py")
    #expect(DocumentURI.path(of: "file://localhost/x.yaml") == "/x.yaml")
    #expect(DocumentURI.path(of: "FILE:///x.yaml") == "/x.yaml")
    #expect(DocumentURI.path(of: "file://server/share/x.yaml") == nil)
    #expect(DocumentURI.path(of: "untitled:Untitled-1") == nil)
  }

  @Test func pathsBecomeURIsThatReadBack() {
    for path in ["/a/b.py", "/a b/café 😀.yaml", "/x/%41#?.py"] {
      let uri = DocumentURI.uri(ofPath: path)
      #expect(!uri.dropFirst("file://".count).contains(" "))
      #expect(DocumentURI.path(of: uri) == path)
    }
  }
}
