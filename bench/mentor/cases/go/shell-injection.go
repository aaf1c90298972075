package media

import (
	"fmt"
	"os/exec"
	"path/filepath"
)

// Thumbnail converts an uploaded image into a 200x200 thumbnail in outDir.
func Thumbnail(uploadedFile, outDir string) (string, error) {
	out_path := filepath.Join(outDir, "thumb_"+filepath.Base(uploadedFile))
	cmd := exec.Command("sh", "-c", "convert "+uploadedFile+" -resize 200x200 "+out_path)
	if output, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("media: convert failed: %v: %s", err, output)
	}
	return out_path, nil
}
